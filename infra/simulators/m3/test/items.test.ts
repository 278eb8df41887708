import { afterEach, describe, expect, it } from 'vitest';
import { seedState } from '../src/state/seed';
import { M3State } from '../src/state/store';
import { setup, T0 } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

const company = { CONO: '100', DIVI: 'AAA', CUCD: 'EUR', FACI: 'A01' };
const FIELDS = ['STAT', 'ITDS', 'FUDS', 'UNMS', 'ITGR', 'ITCL', 'ITTY', 'NEWE', 'GRWE', 'SAPR', 'CUCS', 'SPUN', 'PDCC'];
type Item = Record<string, string>;

describe('item master state', () => {
  it('seeds every item with groups, prices and change stamps, deterministically', () => {
    const seeded = () => {
      const s = new M3State(company, () => T0);
      seedState(s, { items: 200 });
      return s;
    };
    const s = seeded();
    const items = [...s.items.values()];
    for (const i of items) {
      for (const f of FIELDS) expect(i[f], `${i.ITNO ?? ''} ${f}`).toBeDefined();
      expect(i.LMDT).toMatch(/^\d{8}$/);
      expect(i.LMTS).toMatch(/^\d{13}$/);
      expect(Number(i.LMTS)).toBeLessThanOrEqual(T0);
      expect(new Date(Number(i.LMTS)).toISOString().slice(0, 10).replaceAll('-', '')).toBe(i.LMDT);
      expect(i.SAPR).toMatch(/^\d+(\.\d{1,2})?$/);
      expect(s.itemGroups.has(i.ITGR ?? '')).toBe(true);
      expect(s.productGroups.has(i.ITCL ?? '')).toBe(true);
    }
    expect(new Set(items.map((i) => i.ITGR)).size).toBe(5);
    expect(new Set(items.map((i) => i.ITCL)).size).toBe(3);
    expect(items.some((i) => i.HIE1 && i.HIE2 && i.HIE3)).toBe(true);
    expect(items.some((i) => i.HIE1 === undefined)).toBe(true);
    expect(items.some((i) => i.SAPR === '0')).toBe(true);
    expect(items.filter((i) => i.STAT === '10').map((i) => i.ITNO)).toEqual(['ITM000020']);
    const stats = items.map((i) => i.STAT);
    expect(stats.filter((x) => x === '20').length).toBeGreaterThan(items.length / 2);
    expect(stats).toContain('50');
    expect(stats).toContain('90');
    // the items tests and the sandbox order stay released with a price
    for (let n = 1; n <= 12; n++) expect(s.items.get(`ITM${String(n).padStart(6, '0')}`)).toMatchObject({ STAT: '20' });
    expect(items.slice(0, 12).every((i) => Number(i.SAPR) > 0)).toBe(true);
    expect([...seeded().items.values()]).toEqual(items);
  });

  it('bumps LMDT and LMTS on every change, strictly increasing also within one millisecond', async () => {
    ctx = await setup();
    const before = ctx.sim.state.items.get('ITM000001') ?? {};
    const stamps: number[] = [];
    for (const name of ['One', 'Two', 'Three']) {
      const res = await ctx.sim.app.inject({
        method: 'PUT',
        url: '/_control/items/ITM000001',
        payload: { ITDS: name },
      });
      expect(res.statusCode).toBe(200);
      stamps.push(Number(res.json<Item>().LMTS));
    }
    expect(stamps[0]).toBe(T0); // the clock, past the seeded stamp
    expect(stamps).toEqual([T0, T0 + 1, T0 + 2]);
    ctx.advance(60_000);
    const price = await ctx.sim.app.inject({
      method: 'PUT',
      url: '/_control/items/ITM000001/price',
      payload: { SAPR: '12.5' },
    });
    expect(price.json<Item>()).toMatchObject({
      SAPR: '12.5',
      SAPB: '12.5',
      LMTS: String(T0 + 60_000),
      LMDT: '20260515',
    });
    const view = await ctx.sim.app.inject({ method: 'GET', url: '/_control/state/items/ITM000001' });
    const { item, basePrices } = view.json<{ item: Item; basePrices: unknown[] }>();
    expect(item).toMatchObject({ ITNO: 'ITM000001', ITDS: 'Three', SAPR: '12.5', CUCS: 'EUR', ITGR: before.ITGR });
    for (const f of [...FIELDS, 'LMDT', 'LMTS']) expect(item[f]).toBeDefined();
    expect(basePrices).toHaveLength(2);
  });

  it('checks item fields against GetItmBasic (names, lengths, digits, groups) and answers 400 naming the field', async () => {
    ctx = await setup();
    const put = async (payload: unknown, itno = 'ITM000001') =>
      ctx?.sim.app.inject({ method: 'PUT', url: `/_control/items/${itno}`, payload: payload as object });
    const cases: Array<[unknown, string]> = [
      [{ XXXX: 'a' }, 'XXXX'],
      [{ ITDS: 'x'.repeat(31) }, 'ITDS'],
      [{ HIE1: 'y'.repeat(16) }, 'HIE1'],
      [{ NEWE: 'heavy' }, 'NEWE'],
      [{ NEWE: '123456789012' }, 'NEWE'],
      [{ ITGR: 'NOPE' }, 'ITGR'],
      [{ ITCL: 'NOPE' }, 'ITCL'],
      [{ LMTS: '1' }, 'LMTS'],
      [{ LMDT: '20260101' }, 'LMDT'],
      [{ SAPR: '1' }, 'SAPR'],
      [{ ITDS: 1 }, 'ITDS'],
    ];
    for (const [payload, field] of cases) {
      const res = await put(payload);
      expect(res?.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res?.json<{ field: string }>().field).toBe(field);
    }
    expect((await put({ ITDS: 'Same' }, 'X'.repeat(16)))?.json<{ field: string }>().field).toBe('ITNO');
    expect((await put({ ITDS: 'Ölbaum Stuhl', NEWE: '12.5', ITGR: 'A200', HIE5: 'Z' }))?.statusCode).toBe(200);
    const stamp = Number(ctx.sim.state.items.get('ITM000001')?.LMTS);
    const price = await ctx.sim.app.inject({
      method: 'PUT',
      url: '/_control/items/ITM000001/price',
      payload: { SAPR: '1.234' },
    });
    expect(price.json<{ field: string }>()).toMatchObject({ field: 'SAPR' });
    expect(Number(ctx.sim.state.items.get('ITM000001')?.LMTS)).toBe(stamp);
  });

  it('creates a new item with every field, balances in each warehouse and an Add BOD', async () => {
    ctx = await setup({
      subscribers: [{ url: 'http://ingest.test/bod', nouns: ['ItemMaster'] }],
      bodTransport: () => Promise.resolve(200),
    });
    const res = await ctx.sim.app.inject({
      method: 'PUT',
      url: '/_control/items/NEW-1',
      payload: { ITDS: 'New lamp', ITGR: 'A300', ITCL: 'METAL' },
    });
    expect(res.json<Item>()).toMatchObject({
      ITNO: 'NEW-1',
      STAT: '20',
      SAPR: '0',
      CUCS: 'EUR',
      SPUN: 'PCS',
      PDCC: '2',
      LMTS: String(T0),
      LMDT: '20260515',
    });
    expect(ctx.sim.state.balances.get('200|NEW-1')).toMatchObject({ STQT: 0 });
    await ctx.sim.publisher.idle();
    expect(ctx.sim.publisher.log({ noun: 'ItemMaster' }).map((e) => [e.documentId, e.actionCode])).toEqual([
      ['NEW-1', 'Add'],
    ]);
  });

  it('bursts changes over distinct items, the same ones for the same seed, and publishes each', async () => {
    ctx = await setup({
      seed: { items: 50 },
      subscribers: [{ url: 'http://ingest.test/bod', nouns: ['ItemMaster'] }],
      bodTransport: () => Promise.resolve(200),
    });
    const burst = async (payload: object) =>
      (await ctx?.sim.app.inject({ method: 'POST', url: '/_control/items/burst', payload }))?.json<{
        burst: number;
        itnos: string[];
      }>();
    const first = await burst({ count: 10, seed: 7 });
    expect(first?.itnos).toHaveLength(10);
    expect(new Set(first?.itnos).size).toBe(10);
    const item = ctx.sim.state.items.get(first?.itnos[0] ?? '');
    expect(item?.ITDS).toMatch(/ #1$/);
    expect(item?.LMTS).toBe(String(T0));
    const second = await burst({ count: 10, seed: 7, fields: ['ITDS', 'SAPR'] });
    expect(second?.itnos).toEqual(first?.itnos);
    expect(ctx.sim.state.items.get(first?.itnos[0] ?? '')?.ITDS).toMatch(/\d #2$/);
    expect(ctx.sim.state.items.get(first?.itnos[0] ?? '')?.LMTS).toBe(String(T0 + 1));
    expect((await burst({ count: 10, seed: 8 }))?.itnos).not.toEqual(first?.itnos);
    await ctx.sim.publisher.idle();
    expect(ctx.sim.publisher.log({ noun: 'ItemMaster' })).toHaveLength(30);
    const tooMany = await ctx.sim.app.inject({ method: 'POST', url: '/_control/items/burst', payload: { count: 51 } });
    expect(tooMany.statusCode).toBe(400);
  });
});
