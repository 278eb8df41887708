import { describe, expect, it } from 'vitest';
import { seedState } from '../src/state/seed';
import { M3State } from '../src/state/store';

const company = { CONO: '100', DIVI: 'AAA', CUCD: 'EUR', FACI: 'A01' };
const fresh = () => new M3State(company, () => Date.UTC(2026, 0, 2));

describe('seed generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = fresh();
    const b = fresh();
    const c = fresh();
    seedState(a, { seed: 1 });
    seedState(b, { seed: 1 });
    seedState(c, { seed: 2 });
    expect([...a.customers.values()]).toEqual([...b.customers.values()]);
    expect([...a.balances.values()]).toEqual([...b.balances.values()]);
    expect([...a.items.values()].map((i) => i.ITDS)).not.toEqual([...c.items.values()].map((i) => i.ITDS));
  });

  it('respects M3 field lengths and includes non-ASCII names', () => {
    const s = fresh();
    seedState(s, { customers: 50, items: 50 });
    for (const c of s.customers.values()) {
      expect([...(c.rec.CUNM ?? '')].length).toBeLessThanOrEqual(36);
      expect([...(c.rec.CUA1 ?? '')].length).toBeLessThanOrEqual(36);
      expect((c.rec.CUNO ?? '').length).toBeLessThanOrEqual(10);
    }
    for (const i of s.items.values()) expect((i.ITDS ?? '').length).toBeLessThanOrEqual(30);
    expect([...s.customers.values()].some((c) => /[^\x20-\x7e]/.test(c.rec.CUNM ?? ''))).toBe(true);
  });

  it('seeds 100k items with balances in every warehouse (benchmark size)', () => {
    const s = fresh();
    seedState(s, { items: 100_000, warehouses: ['100', '200'] });
    expect(s.items.size).toBe(100_000);
    expect(s.balances.size).toBe(200_000);
    expect(s.itemKeys.from('ITM099999')).toEqual(['ITM099999', 'ITM100000']);
  });
});
