import { describe, expect, it } from 'vitest';
import { StockHistory, type NewStockTransaction } from '../src/state/stock-history';
import { T0 } from './helpers';

const tx = (itno: string, whlo = '100', NSTQ = 1): NewStockTransaction => ({
  WHLO: whlo,
  ITNO: itno,
  WHSL: 'A-01-01',
  BANO: '',
  TTYP: '90',
  TRQT: 1,
  NSTQ,
  RIDN: '',
  RIDL: 0,
  RIDI: '',
});

describe('stock transaction history (MITTRA)', () => {
  it('stamps RGDT/RGTM in UTC and numbers one item and warehouse within a second with TMSX 0, 1, 2', () => {
    const h = new StockHistory();
    const stamps = [
      h.append(tx('A'), T0),
      h.append(tx('A'), T0 + 1),
      h.append(tx('B'), T0 + 2),
      h.append(tx('A', '200'), T0 + 3),
      h.append(tx('A'), T0 + 999),
      h.append(tx('A'), T0 + 1000),
    ].map((t) => [t.ITNO, t.WHLO, t.RGDT, t.RGTM, t.TMSX]);
    expect(stamps).toEqual([
      ['A', '100', '20260515', 100000, 0],
      ['A', '100', '20260515', 100000, 1],
      ['B', '100', '20260515', 100000, 0],
      ['A', '200', '20260515', 100000, 0],
      ['A', '100', '20260515', 100000, 2],
      ['A', '100', '20260515', 100001, 0],
    ]);
  });

  it('never registers before the previous transaction, so a clock set back does not reorder the history', () => {
    const h = new StockHistory();
    h.append(tx('A'), T0 + 5000);
    const late = h.append(tx('B'), T0);
    expect(late).toMatchObject({ at: T0 + 5000, RGTM: 100005 });
    expect([...h.since('100', T0 + 5000)].map((t) => t.ITNO)).toEqual(['A', 'B']);
  });

  it('moves to the next second when one item used all 1000 suffixes (TMSX is N3)', () => {
    const h = new StockHistory();
    let last = h.append(tx('A'), T0);
    for (let i = 1; i < 1000; i++) last = h.append(tx('A'), T0);
    expect(last).toMatchObject({ TMSX: 999, RGTM: 100000 });
    expect(h.append(tx('A'), T0)).toMatchObject({ TMSX: 0, RGTM: 100001, at: T0 + 1000 });
    expect(h.append(tx('B'), T0)).toMatchObject({ TMSX: 0, RGTM: 100001 });
  });

  it('reads a warehouse (and item) from an instant on, in registration order', () => {
    const h = new StockHistory();
    h.append(tx('A'), T0);
    h.append(tx('B', '200'), T0 + 1500);
    h.append(tx('B'), T0 + 2000);
    h.append(tx('A'), T0 + 3000);
    expect([...h.since('100', T0 + 1000)].map((t) => [t.ITNO, t.at])).toEqual([
      ['B', T0 + 2000],
      ['A', T0 + 3000],
    ]);
    expect([...h.since('100', T0, 'A')].map((t) => t.at)).toEqual([T0, T0 + 3000]);
    expect([...h.since('300', T0)]).toEqual([]);
  });

  it('keeps only the newest `capacity` transactions', () => {
    const h = new StockHistory(5);
    for (let i = 1; i <= 23; i++) h.append(tx('A', '100', i), T0 + i * 1000);
    expect(h.size).toBe(5);
    expect([...h.since('100', 0)].map((t) => t.NSTQ)).toEqual([19, 20, 21, 22, 23]);
    h.clear();
    expect(h.size).toBe(0);
  });
});
