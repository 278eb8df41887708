import { afterEach, describe, expect, it } from 'vitest';
import { rec, setup, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

type Ctx = Awaited<ReturnType<typeof setup>>;
type Final = Array<{ WHLO: string; ITNO: string; STQT: number; ALQT: number }>;
interface BurstAnswer {
  changes: number;
  keys: number;
  final: Final;
}

const subscribed = () =>
  setup({
    subscribers: [{ url: 'http://ingest.test/bod', nouns: ['InventoryCount', 'ItemMaster'] }],
    bodTransport: () => Promise.resolve(200),
  });
const balance = (c: Ctx, whlo: string, itno: string, payload: unknown) =>
  c.sim.app.inject({ method: 'PUT', url: `/_control/balances/${whlo}/${itno}`, payload: payload as object });
const burst = (c: Ctx, payload: unknown) =>
  c.sim.app.inject({ method: 'POST', url: '/_control/stock/burst', payload: payload as object });

describe('PUT /_control/balances/:whlo/:itno', () => {
  it('sets STQT and ALQT, records a TTYP 90 transaction, publishes InventoryCount, answers the balance record', async () => {
    ctx = await subscribed();
    const res = await balance(ctx, '100', 'ITM000005', { STQT: 30, ALQT: 4 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ WHLO: '100', ITNO: 'ITM000005', STQT: '30', ALQT: '4', AVAL: '26' });
    expect(ctx.sim.state.balances.get('100|ITM000005')).toMatchObject({
      LMDT: '20260515',
      TRDT: '20260515',
      TRTM: 100000,
    });
    const trans = (await ctx.v1('MWS070MI/ListTransByDate?WHLO=100&RGDT=20260515&ITNO=ITM000005')).json<V1Body>();
    expect(rec(trans)).toMatchObject({ TTYP: '90', NSTQ: '30' });
    await ctx.sim.publisher.idle();
    expect(ctx.sim.publisher.log({ noun: 'InventoryCount' }).map((e) => e.documentId)).toEqual(['100@ITM000005']);
  });

  it('changes ALQT alone without a stock transaction (M3 writes none for an allocation)', async () => {
    ctx = await setup();
    const before = ctx.sim.state.stockHistory.size;
    await balance(ctx, '200', 'ITM000006', { ALQT: 7 });
    expect(ctx.sim.state.stockHistory.size).toBe(before);
    expect(rec((await ctx.v1('MMS200MI/GetItmWhsBal?WHLO=200&ITNO=ITM000006')).json<V1Body>()).ALQT).toBe('7');
  });

  it('creates the balance in a new warehouse', async () => {
    ctx = await setup();
    await ctx.sim.app.inject({ method: 'PUT', url: '/_control/warehouses/300', payload: { WHNM: 'Oslo' } });
    const res = await balance(ctx, '300', 'ITM000001', { STQT: 3 });
    expect(res.json()).toMatchObject({ WHLO: '300', STQT: '3', ALQT: '0', AVAL: '3' });
    expect(rec((await ctx.v1('MMS200MI/GetItmWhsBal?WHLO=300&ITNO=ITM000001')).json<V1Body>()).STQT).toBe('3');
  });

  it('answers 400 for bad bodies and 404 for an unknown item or warehouse', async () => {
    ctx = await setup();
    for (const body of [{}, { STQT: -1 }, { STQT: '5' }, { STQT: 1, QTY: 2 }, { ALQT: 1e12 }]) {
      const res = await balance(ctx, '100', 'ITM000001', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<{ error: string }>().error).toBeTruthy();
    }
    expect((await balance(ctx, '999', 'ITM000001', { STQT: 1 })).json()).toEqual({ error: 'warehouse 999 not found' });
    expect((await balance(ctx, '100', 'NOPE', { STQT: 1 })).statusCode).toBe(404);
    const old = await ctx.sim.app.inject({
      method: 'PUT',
      url: '/_control/stock',
      payload: { whlo: '100', itno: 'X' },
    });
    expect(old.statusCode).toBe(400);
  });

  it('makes a status-50 item 80 when its last stock is counted away (as PUT /_control/stock does)', async () => {
    ctx = await setup();
    await balance(ctx, '100', 'ITM000014', { STQT: 0 });
    expect(ctx.sim.state.items.get('ITM000014')?.STAT).toBe('50');
    await balance(ctx, '200', 'ITM000014', { STQT: 0, ALQT: 0 });
    expect(ctx.sim.state.items.get('ITM000014')?.STAT).toBe('80');
  });
});

describe('GET /_control/state/balances', () => {
  it('lists balances by WHLO and ITNO, of a warehouse and/or item, with limit', async () => {
    ctx = await setup();
    const get = async (q: string) =>
      await (ctx as Ctx).sim.app.inject({ method: 'GET', url: `/_control/state/balances${q}` });
    expect((await get('')).json<unknown[]>()).toHaveLength(40);
    const of100 = (await get('?whlo=100')).json<Array<{ WHLO: string; ITNO: string }>>();
    expect(of100).toHaveLength(20);
    expect(of100.every((b) => b.WHLO === '100')).toBe(true);
    expect((await get('?itno=ITM000002')).json<Array<{ WHLO: string }>>().map((b) => b.WHLO)).toEqual(['100', '200']);
    expect((await get('?whlo=200&itno=ITM000002')).json()).toEqual([
      expect.objectContaining({ WHLO: '200', ITNO: 'ITM000002', WHSL: 'A-01-01' }),
    ]);
    expect((await get('?limit=3')).json<unknown[]>()).toHaveLength(3);
    expect((await get('?whlo=999')).statusCode).toBe(404);
    expect((await get('?itno=NOPE')).statusCode).toBe(404);
  });
});

describe('POST /_control/stock/burst', () => {
  it('applies 50 000 counts over 5 000 balances fast; the final values are what GetItmWhsBal answers', async () => {
    const c = (ctx = await subscribed());
    // 2600 items × 2 warehouses: enough pairs for 5000 keys
    for (let i = 21; i <= 2600; i++) {
      c.sim.state.putItem({ ITNO: `ITM${String(i).padStart(6, '0')}`, ITDS: `Extra ${i}`, STAT: '20' });
    }
    const started = performance.now();
    const res = await burst(c, { changes: 50_000, keys: 5_000, seed: 7 });
    const ms = performance.now() - started;
    expect(res.statusCode).toBe(200);
    const answer = res.json<BurstAnswer>();
    expect(ms).toBeLessThan(1000);
    expect(answer).toMatchObject({ changes: 50_000, keys: 5_000 });
    expect(answer.final).toHaveLength(5_000);
    expect(new Set(answer.final.map((f) => `${f.WHLO}|${f.ITNO}`)).size).toBe(5_000);
    for (const f of answer.final.filter((_, i) => i % 250 === 0)) {
      const r = rec((await c.v1(`MMS200MI/GetItmWhsBal?WHLO=${f.WHLO}&ITNO=${f.ITNO}`)).json<V1Body>());
      expect(r).toMatchObject({ STQT: String(f.STQT), ALQT: String(f.ALQT) });
    }
    for (const f of answer.final) expect(c.sim.state.balances.get(`${f.WHLO}|${f.ITNO}`)?.STQT).toBe(f.STQT);
    expect(c.sim.state.stockHistory.size).toBe(50_000);
    // the last transaction of each key in MWS070MI holds its final on-hand balance
    const lastNstq = new Map<string, string>();
    for (const whlo of ['100', '200']) {
      const all = (
        await c.v1(`MWS070MI/ListTransByDate;maxrecs=0;returncols=WHLO,ITNO,NSTQ?WHLO=${whlo}&RGDT=20260515`)
      ).json<V1Body>();
      for (const r of all.MIRecord.map((x) => rec(all, x.RowIndex))) lastNstq.set(`${r.WHLO}|${r.ITNO}`, r.NSTQ ?? '');
    }
    expect(lastNstq.size).toBe(5_000);
    for (const f of answer.final) expect(lastNstq.get(`${f.WHLO}|${f.ITNO}`)).toBe(String(f.STQT));
    await c.sim.publisher.idle();
    expect(c.sim.publisher.log({ noun: 'InventoryCount' })).toHaveLength(0); // no BOD per count
  });

  it('is deterministic per seed, keeps to the given warehouses and can publish one BOD per key', async () => {
    const c = (ctx = await subscribed());
    const first = (
      await burst(c, { changes: 30, keys: 5, seed: 3, warehouses: ['200'], publish: true })
    ).json<BurstAnswer>();
    expect(first.final.every((f) => f.WHLO === '200')).toBe(true);
    await c.sim.publisher.idle();
    expect(
      c.sim.publisher
        .log({ noun: 'InventoryCount' })
        .map((e) => e.documentId)
        .sort(),
    ).toEqual(first.final.map((f) => `${f.WHLO}@${f.ITNO}`));
    await c.sim.app.inject({ method: 'POST', url: '/_control/reset' });
    const again = (await burst(c, { changes: 30, keys: 5, seed: 3, warehouses: ['200'] })).json<BurstAnswer>();
    expect(again.final).toEqual(first.final);
    const other = (await burst(c, { changes: 30, keys: 5, seed: 4, warehouses: ['200'] })).json<BurstAnswer>();
    expect(other.final).not.toEqual(first.final);
  });

  it('makes a status-50 item whose stock a count takes to 0 go to 80', async () => {
    ctx = await setup();
    await balance(ctx, '200', 'ITM000014', { STQT: 0 });
    // seed 1171 counts ITM000014 in 100 to 0 (every item of 100 is counted once)
    const res = (await burst(ctx, { changes: 20, keys: 20, seed: 1171, warehouses: ['100'] })).json<BurstAnswer>();
    expect(res.final.find((f) => f.ITNO === 'ITM000014')?.STQT).toBe(0);
    expect(ctx.sim.state.items.get('ITM000014')?.STAT).toBe('80');
  });

  it('answers 400 for bad input and 404 for an unknown warehouse', async () => {
    ctx = await setup();
    const status = async (body: unknown) => (await burst(ctx as Ctx, body)).statusCode;
    expect(await status({ changes: 0, keys: 1 })).toBe(400);
    expect(await status({ changes: 5, keys: 6 })).toBe(400);
    expect(await status({ changes: 100, keys: 41 })).toBe(400); // 20 items × 2 warehouses
    expect(await status({ changes: 5, keys: 2, extra: 1 })).toBe(400);
    expect(await status({ changes: 5, keys: 2, warehouses: [] })).toBe(400);
    expect(await status({ changes: 5, keys: 2, warehouses: ['999'] })).toBe(404);
    const res = await burst(ctx, { changes: 5, keys: 6 });
    expect(res.json()).toMatchObject({ field: 'keys' });
  });
});
