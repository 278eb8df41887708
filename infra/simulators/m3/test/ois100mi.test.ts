import { afterEach, describe, expect, it } from 'vitest';
import { placeOrder, rec, setup, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

describe('OIS100MI batch customer orders', () => {
  it('turns a temporary batch ORNO into a real ORNO on Confirm, allocates stock and lists the order by customer with CUOR', async () => {
    ctx = await setup();
    const before = rec((await ctx.v1('MMS200MI/GetItmWhsBal?WHLO=100&ITNO=ITM000001')).json<V1Body>());
    const head = rec((await ctx.v1('OIS100MI/AddBatchHead?CUNO=C000001&CUOR=000000042&ORTP=A01')).json<V1Body>());
    expect(head.ORNO).toMatch(/^9\d{9}$/);
    const line = rec(
      (await ctx.v1(`OIS100MI/AddBatchLine?ORNO=${head.ORNO}&ITNO=ITM000001&ORQT=2&WHLO=100`)).json<V1Body>(),
    );
    expect(line).toEqual({ PONR: '10', POSX: '0', ATNR: '0' });
    const addr = await ctx.v1(
      `OIS100MI/AddBatchAddress?ORNO=${head.ORNO}&ADRT=1&CUNM=Ship%20To&CUA1=Dock%201&TOWN=Lund&CSCD=SE`,
    );
    expect(addr.json<V1Body>().MIRecord).toEqual([]);
    const confirmed = rec((await ctx.v1(`OIS100MI/Confirm?ORNO=${head.ORNO}`)).json<V1Body>());
    expect(confirmed.ORNO).toMatch(/^1\d{9}$/);
    expect(confirmed.ORNO).not.toBe(head.ORNO);
    expect(confirmed.STAT).toBe('22');

    const got = rec((await ctx.v1(`OIS100MI/GetHead?ORNO=${confirmed.ORNO}`)).json<V1Body>());
    expect(got).toMatchObject({ ORNO: confirmed.ORNO, CUOR: '000000042', ORSL: '22', ORST: '22' });
    const list = (await ctx.v1('OIS100MI/LstHead;maxrecs=0?CUNO=C000001')).json<V1Body>();
    const byCuor = list.MIRecord.map((r) => rec(list, r.RowIndex)).filter((r) => r.CUOR === '000000042');
    expect(byCuor.map((r) => r.ORNO)).toEqual([confirmed.ORNO]);
    const lines = (await ctx.v1(`OIS100MI/LstLine?ORNO=${confirmed.ORNO}`)).json<V1Body>();
    expect(rec(lines)).toMatchObject({ ITNO: 'ITM000001', ORQT: '2', ORST: '22', PONR: '10' });
    expect(rec((await ctx.v1(`OIS100MI/GetLine?ORNO=${confirmed.ORNO}&PONR=10`)).json<V1Body>()).ITNO).toBe(
      'ITM000001',
    );
    const after = rec((await ctx.v1('MMS200MI/GetItmWhsBal?WHLO=100&ITNO=ITM000001')).json<V1Body>());
    expect(Number(after.ALQT)).toBe(Number(before.ALQT) + 2);
    // the temporary number is not a customer order
    expect((await ctx.v1(`OIS100MI/GetHead?ORNO=${head.ORNO}`)).json()).toMatchObject({
      '@field': 'ORNO',
      '@code': 'XIM0002',
    });
    // a second Confirm of the released batch is refused
    expect((await ctx.v1(`OIS100MI/Confirm?ORNO=${head.ORNO}`)).json()).toMatchObject({
      '@type': 'ServerReturnedNOK',
      '@field': 'ORNO',
    });
  });

  it('fails a batch order with a bad item as M3 does: AddBatchLine NOK, Confirm leaves it in error (15), no order', async () => {
    ctx = await setup();
    const head = rec((await ctx.v1('OIS100MI/AddBatchHead?CUNO=C000002&CUOR=000000077')).json<V1Body>());
    const good = rec(
      (await ctx.v1(`OIS100MI/AddBatchLine?ORNO=${head.ORNO}&ITNO=ITM000001&ORQT=1&WHLO=100`)).json<V1Body>(),
    );
    expect(good.PONR).toBe('10');
    const bad = await ctx.v1(`OIS100MI/AddBatchLine?ORNO=${head.ORNO}&ITNO=NO-SUCH-ITEM&ORQT=1&WHLO=100`);
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({
      '@type': 'ServerReturnedNOK',
      '@code': 'XIM0002',
      '@field': 'ITNO',
      '@cfg': null,
    });
    const badWh = await ctx.v1(`OIS100MI/AddBatchLine?ORNO=${head.ORNO}&ITNO=ITM000002&ORQT=1&WHLO=XXX`);
    expect(badWh.json()).toMatchObject({ '@code': 'XIM0002', '@field': 'WHLO' });

    const confirm = rec((await ctx.v1(`OIS100MI/Confirm?ORNO=${head.ORNO}`)).json<V1Body>());
    expect(confirm).toEqual({ ORNO: head.ORNO, STAT: '15' });
    expect(ctx.sim.state.orders.size).toBe(0);
    const batch = ctx.sim.state.batchOrders.get(head.ORNO ?? '');
    expect(batch?.status).toBe('15');
    expect(batch?.errors.map((e) => e.field)).toEqual(['ITNO', 'WHLO']);
    const list = (await ctx.v1('OIS100MI/LstHead;maxrecs=0?CUNO=C000002')).json<V1Body>();
    expect(list.MIRecord).toEqual([]);
    // lines cannot be added to it any more than to any batch; a new batch is the way forward
    expect((await ctx.v1(`OIS100MI/GetHead?ORNO=${head.ORNO}`)).json()).toMatchObject({ '@field': 'ORNO' });
  });

  it('rejects an unknown customer and a missing quantity', async () => {
    ctx = await setup();
    expect((await ctx.v1('OIS100MI/AddBatchHead?CUNO=NOBODY')).json()).toMatchObject({
      '@code': 'XIM0002',
      '@field': 'CUNO',
    });
    const head = rec((await ctx.v1('OIS100MI/AddBatchHead?CUNO=C000001')).json<V1Body>());
    expect((await ctx.v1(`OIS100MI/AddBatchLine?ORNO=${head.ORNO}&ITNO=ITM000001`)).json()).toMatchObject({
      '@field': 'ORQT',
    });
  });

  it('places orders with the shared helper (used by other tests)', async () => {
    ctx = await setup();
    const orno = await placeOrder(ctx.v1, { cuor: '000000100', lines: [{ itno: 'ITM000003', qty: 1 }] });
    expect(ctx.sim.state.orders.get(orno)?.head.CUOR).toBe('000000100');
  });
});
