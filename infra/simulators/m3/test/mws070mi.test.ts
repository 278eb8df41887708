import { afterEach, describe, expect, it } from 'vitest';
import { placeOrder, rec, setup, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

type Ctx = Awaited<ReturnType<typeof setup>>;
const rows = (body: V1Body) => body.MIRecord.map((r) => rec(body, r.RowIndex));
const count = (c: Ctx, whlo: string, itno: string, STQT: number) =>
  c.sim.app.inject({ method: 'PUT', url: `/_control/balances/${whlo}/${itno}`, payload: { STQT } });

describe('MWS070MI ListTransByDate (stock transaction history)', () => {
  it('lists the counts of a warehouse with real field names: TTYP 90, signed TRQT, NSTQ, RGDT/RGTM/TMSX', async () => {
    ctx = await setup();
    const before = ctx.sim.state.balances.get('100|ITM000001')?.STQT ?? 0;
    await count(ctx, '100', 'ITM000001', before + 5);
    await count(ctx, '100', 'ITM000001', 2);
    await count(ctx, '200', 'ITM000002', 9);
    const body = (await ctx.v1('MWS070MI/ListTransByDate?WHLO=100&RGDT=20260515')).json<V1Body>();
    const names = body.Metadata?.Field.map((f) => f['@name']) ?? [];
    for (const f of ['WHLO', 'ITNO', 'TTYP', 'TRQT', 'NSTQ', 'RGDT', 'RGTM', 'TMSX', 'RIDN', 'RIDL', 'TRDT', 'TRTM']) {
      expect(names).toContain(f);
    }
    expect(names).toContain('STNO');
    expect(rows(body)).toEqual([
      expect.objectContaining({ ITNO: 'ITM000001', TTYP: '90', TRQT: '5', NSTQ: String(before + 5), TMSX: '0' }),
      expect.objectContaining({ ITNO: 'ITM000001', TTYP: '90', TRQT: String(2 - before - 5), NSTQ: '2', TMSX: '1' }),
    ]);
    expect(rows(body)[0]).toMatchObject({
      CONO: '100',
      WHLO: '100',
      RGDT: '20260515',
      RGTM: '100000',
      TRDT: '20260515',
      TRTM: '100000',
      RIDN: '',
      RIDL: '0',
      STNO: String(before + 5),
    });
  });

  it('records a shipment as TTYP 31 with the order, line and delivery; filters by RGTM and ITNO', async () => {
    ctx = await setup();
    await count(ctx, '100', 'ITM000003', 50);
    await count(ctx, '100', 'ITM000004', 50);
    ctx.advance(90 * 60_000); // 11:30
    const orno = await placeOrder(ctx.v1, { cuor: 'TX-1', lines: [{ itno: 'ITM000004', qty: 3 }] });
    const ship = await ctx.sim.app.inject({ method: 'POST', url: `/_control/orders/${orno}/ship` });
    const dlix = ship.json<{ DLIX: string }>().DLIX;
    const ponr = String(ctx.sim.state.orders.get(orno)?.lines[0]?.PONR);
    const later = rows((await ctx.v1('MWS070MI/ListTransByDate?WHLO=100&RGDT=20260515&RGTM=113000')).json<V1Body>());
    expect(later).toEqual([
      expect.objectContaining({
        ITNO: 'ITM000004',
        TTYP: '31',
        TRQT: '-3',
        RIDN: orno,
        RIDL: ponr,
        RIDI: dlix,
        NSTQ: '47',
      }),
    ]);
    expect(later[0]?.RGTM).toBe('113000');
    const one = rows((await ctx.v1('MWS070MI/ListTransByDate?WHLO=100&RGDT=20260515&ITNO=ITM000003')).json<V1Body>());
    expect(one.map((r) => r.ITNO)).toEqual(['ITM000003']);
    // RGTM without leading zero is 09:30:00; a later day lists nothing
    expect(
      rows((await ctx.v1('MWS070MI/ListTransByDate?WHLO=100&RGDT=20260515&RGTM=93000')).json<V1Body>()),
    ).toHaveLength(3);
    expect(rows((await ctx.v1('MWS070MI/ListTransByDate?WHLO=100&RGDT=20260516')).json<V1Body>())).toEqual([]);
  });

  it('applies maxrecs (default 100, 0 = all)', async () => {
    ctx = await setup();
    await ctx.sim.app.inject({
      method: 'POST',
      url: '/_control/stock/burst',
      payload: { changes: 150, keys: 10, warehouses: ['100'] },
    });
    const dflt = (await ctx.v1('MWS070MI/ListTransByDate?WHLO=100&RGDT=20260515')).json<V1Body>();
    expect(dflt.MIRecord).toHaveLength(100);
    const all = (await ctx.v1('MWS070MI/ListTransByDate;maxrecs=0?WHLO=100&RGDT=20260515')).json<V1Body>();
    expect(all.MIRecord).toHaveLength(150);
    const three = (await ctx.v1('MWS070MI/ListTransByDate;maxrecs=3?WHLO=100&RGDT=20260515')).json<V1Body>();
    expect(rows(three)).toEqual(rows(all).slice(0, 3));
    const keys = rows(all).map((r) => `${r.ITNO}/${r.RGDT}/${r.RGTM}/${r.TMSX}`);
    expect(new Set(keys).size).toBe(150); // (ITNO, RGDT, RGTM, TMSX) tells every transaction apart
  });

  it('answers NOK for an unknown warehouse, a bad date or time, and a missing RGDT', async () => {
    ctx = await setup();
    expect((await ctx.v1('MWS070MI/ListTransByDate?WHLO=999&RGDT=20260515')).json()).toMatchObject({
      '@type': 'ServerReturnedNOK',
      '@code': 'XIM0002',
      '@field': 'WHLO',
    });
    expect((await ctx.v1('MWS070MI/ListTransByDate?WHLO=100&RGDT=20260231')).json()).toMatchObject({
      '@code': 'XIM0002',
      '@field': 'RGDT',
    });
    expect((await ctx.v1('MWS070MI/ListTransByDate?WHLO=100&RGDT=20260515&RGTM=126000')).json()).toMatchObject({
      '@code': 'XIM0002',
      '@field': 'RGTM',
    });
    expect((await ctx.v1('MWS070MI/ListTransByDate?WHLO=100')).json()).toMatchObject({
      '@type': 'MandatoryInputFieldNotFound',
      '@field': 'RGDT',
    });
  });
});
