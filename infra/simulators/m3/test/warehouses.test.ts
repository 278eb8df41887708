import { afterEach, describe, expect, it } from 'vitest';
import { rec, setup, T0, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

type Ctx = Awaited<ReturnType<typeof setup>>;
const rows = (body: V1Body) => body.MIRecord.map((r) => rec(body, r.RowIndex));
const put = (c: Ctx, whlo: string, payload: unknown) =>
  c.sim.app.inject({ method: 'PUT', url: `/_control/warehouses/${whlo}`, payload: payload as object });

describe('warehouses (MMS005)', () => {
  it('seeds warehouses with a name, address, country, postal code, town, time zone and group ALL', async () => {
    ctx = await setup();
    const body = (await ctx.v1('MMS005MI/LstWarehouses')).json<V1Body>();
    expect(body.Metadata?.Field.map((f) => f['@name'])).not.toContain('WHGR');
    expect(rows(body)).toEqual([
      expect.objectContaining({
        CONO: '100',
        DIVI: 'AAA',
        FACI: 'A01',
        WHLO: '100',
        WHNM: 'Stockholm warehouse',
        CSCD: 'SE',
        PONO: '111 22',
        TOWN: 'Stockholm',
        WHTY: '01',
        TIZO: 'UTC',
        TGMT: '0',
      }),
      expect.objectContaining({ WHLO: '200', WHNM: 'Paris warehouse', CSCD: 'FR', PONO: '75019', TOWN: 'Paris' }),
    ]);
    expect(rows(body)[0]?.ADR1).toMatch(/^1 /);
    expect(ctx.sim.state.warehouses.get('200')).toMatchObject({ WHGR: 'ALL', LMTS: String(T0 + 1) });
  });

  it('creates a warehouse without balances and changes one; LstWarehouses LMTS lists what changed after it', async () => {
    ctx = await setup();
    ctx.advance(1000);
    const created = await put(ctx, '300', { WHNM: 'Oslo warehouse', CSCD: 'NO', PONO: '0150', TOWN: 'Oslo' });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ WHLO: '300', CONO: '100', WHGR: '', LMTS: String(T0 + 1000) });
    expect(rec((await ctx.v1('MMS005MI/GetWarehouse?WHLO=300')).json<V1Body>())).toMatchObject({
      WHNM: 'Oslo warehouse',
      TOWN: 'Oslo',
    });
    expect([...ctx.sim.state.balances.values()].some((b) => b.WHLO === '300')).toBe(false);
    const changed = await put(ctx, '100', { WHGR: 'NRD', TOWN: 'Solna' }); // same millisecond: LMTS still moves on
    expect(changed.json()).toMatchObject({ WHNM: 'Stockholm warehouse', TOWN: 'Solna', WHGR: 'NRD' });
    expect(changed.json<{ LMTS: string }>().LMTS).toBe(String(T0 + 1001));
    const since = (lmts: number) =>
      (ctx as Ctx).v1(`MMS005MI/LstWarehouses?LMTS=${lmts}`).then((r) => rows(r.json<V1Body>()).map((w) => w.WHLO));
    expect(await since(T0 + 999)).toEqual(['100', '300']);
    expect(await since(T0 + 1000)).toEqual(['100']);
    expect(await since(T0 + 1001)).toEqual([]);
    expect((await ctx.v1('MMS005MI/LstWarehouses?LMTS=abc')).json()).toMatchObject({ '@field': 'LMTS' });
    // the group moved: only 200 is left in ALL
    const all = (await ctx.v1('MMS200MI/LstItmWhsByWhgr;maxrecs=0?WHGR=ALL&INZO=1')).json<V1Body>();
    expect(new Set(rows(all).map((r) => r.WHLO))).toEqual(new Set(['200']));
  });

  it('refuses bad bodies with 400 naming the field', async () => {
    ctx = await setup();
    const bad = async (whlo: string, payload: unknown, field: string | undefined) => {
      const res = await put(ctx as Ctx, whlo, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ field?: string; error: string }>().field).toBe(field);
    };
    await bad('300', { TOWN: 'Oslo' }, 'WHNM');
    await bad('4000', { WHNM: 'x' }, 'WHLO');
    await bad('100', { WHNM: 'x'.repeat(37) }, 'WHNM');
    await bad('100', { NOPE: '1' }, 'NOPE');
    await bad('100', { LMTS: '1' }, 'LMTS');
    await bad('100', { WHGR: 'TOOLONG' }, 'WHGR');
    await bad('100', { TGMT: 'x' }, 'TGMT');
    await bad('100', [], undefined);
  });
});
