import { afterEach, describe, expect, it } from 'vitest';
import { placeOrder, rec, setup, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

describe('fulfilment through the control API, read back through MI', () => {
  it('pick → ship with tracking → invoice moves the order 22 → 33 → 44 → 66 → 77', async () => {
    ctx = await setup();
    const orno = await placeOrder(ctx.v1, { cuor: '000000500', lines: [{ itno: 'ITM000004', qty: 3 }] });
    const stockBefore = ctx.sim.state.balances.get('100|ITM000004')?.STQT ?? 0;
    const app = ctx.sim.app;
    const picked = await app.inject({ method: 'POST', url: `/_control/orders/${orno}/pick` });
    expect(picked.json()).toMatchObject({ ORSL: '44', ORST: '44' });
    const shipped = await app.inject({
      method: 'POST',
      url: `/_control/orders/${orno}/ship`,
      payload: { trackingNumbers: ['1ZTRACK1', '1ZTRACK2'], carrier: 'DHL' },
    });
    expect(shipped.statusCode).toBe(200);
    const dlix = shipped.json<{ DLIX: string }>().DLIX;
    const head = rec((await ctx.v1(`MWS410MI/GetHead?DLIX=${dlix}`)).json<V1Body>());
    expect(head).toMatchObject({
      DLIX: dlix,
      RIDN: orno,
      CUOR: '000000500',
      ETRN: '1ZTRACK1',
      FWNO: 'DHL',
      PGRS: '90',
    });
    const pkgs = (await ctx.v1(`MWS410MI/LstPackages?DLIX=${dlix}`)).json<V1Body>();
    expect(pkgs.MIRecord.map((r) => rec(pkgs, r.RowIndex).DLRM)).toEqual(['1ZTRACK1', '1ZTRACK2']);
    expect(ctx.sim.state.balances.get('100|ITM000004')?.STQT).toBe(stockBefore - 3);
    expect(rec((await ctx.v1(`OIS100MI/GetHead?ORNO=${orno}`)).json<V1Body>()).ORST).toBe('66');

    const invoiced = await app.inject({ method: 'POST', url: `/_control/orders/${orno}/invoice` });
    const inv = invoiced.json<{ IVNO: string; YEA4: string; amount: number }>();
    expect(inv.IVNO).toMatch(/^\d{9}$/);
    const invHeads = (await ctx.v1(`OIS350MI/LstInvHead?YEA4=${inv.YEA4}`)).json<V1Body>();
    expect(rec(invHeads)).toMatchObject({
      IVNO: inv.IVNO,
      PYNO: 'C000001',
      VONO: expect.stringMatching(/^\d+$/) as string,
    });
    const invLines = (await ctx.v1(`OIS350MI/LstInvLine?YEA4=${inv.YEA4}&IVNO=${inv.IVNO}`)).json<V1Body>();
    expect(rec(invLines)).toMatchObject({ ORNO: orno, DLIX: dlix });
    expect(rec((await ctx.v1(`OIS100MI/GetHead?ORNO=${orno}`)).json<V1Body>()).ORST).toBe('77');
    expect(ctx.sim.state.orders.get(orno)?.history).toEqual(['22/22', '33/33', '44/44', '66/66', '77/77']);
    const again = await app.inject({ method: 'POST', url: `/_control/orders/${orno}/invoice` });
    expect(again.statusCode).toBe(409);
    expect((await app.inject({ method: 'POST', url: '/_control/orders/nope/pick' })).statusCode).toBe(404);
  });

  it('changes stock and items through the control API and exposes state', async () => {
    ctx = await setup();
    const app = ctx.sim.app;
    const stock = await app.inject({
      method: 'PUT',
      url: '/_control/stock',
      payload: { whlo: '200', itno: 'ITM000001', quantity: 7 },
    });
    expect(stock.json()).toMatchObject({ STQT: 7 });
    expect(rec((await ctx.v1('MMS200MI/GetItmWhsBal?WHLO=200&ITNO=ITM000001')).json<V1Body>()).STQT).toBe('7');
    const item = await app.inject({ method: 'PUT', url: '/_control/items/NEW-ITEM', payload: { ITDS: 'Brand new' } });
    expect(item.statusCode).toBe(200);
    expect(rec((await ctx.v1('MMS200MI/GetItmBasic?ITNO=NEW-ITEM')).json<V1Body>()).ITDS).toBe('Brand new');
    expect((await app.inject({ method: 'PUT', url: '/_control/items/X', payload: { bad: 1 } })).statusCode).toBe(400);
    const orno = await placeOrder(ctx.v1, { cuor: 'M-1', lines: [{ itno: 'NEW-ITEM', qty: 1 }] });
    const orders = (await app.inject({ method: 'GET', url: '/_control/state/orders?cuor=M-1' })).json<
      Array<{ ORNO: string }>
    >();
    expect(orders.map((o) => o.ORNO)).toEqual([orno]);
    const customers = (await app.inject({ method: 'GET', url: '/_control/state/customers?mail=NOBODY@x' })).json<
      unknown[]
    >();
    expect(customers).toEqual([]);
  });

  it('applies the fault profile to MI and token endpoints, not to the control API, and reset restores the seed', async () => {
    ctx = await setup();
    const app = ctx.sim.app;
    await app.inject({
      method: 'PUT',
      url: '/_control/profile',
      payload: { rateLimit: { perSecond: 1, retryAfterSeconds: 2 } },
    });
    expect((await ctx.v1('MMS005MI/GetWarehouse?WHLO=100')).statusCode).toBe(200);
    const limited = await ctx.v1('MMS005MI/GetWarehouse?WHLO=100');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    const c = ctx.sim.credentials;
    const token = await app.inject({ method: 'POST', url: `/${c.tenant}/as/token.oauth2`, payload: {} });
    expect(token.statusCode).toBe(429);
    await app.inject({
      method: 'PUT',
      url: '/_control/profile',
      payload: { outages: [{ fromMs: 0, toMs: ctx.now() + 60_000 }] },
    });
    const down = await ctx.v1('MMS005MI/GetWarehouse?WHLO=100');
    expect(down.statusCode).toBe(503);
    expect(down.headers['retry-after']).toBe('60');
    expect((await app.inject({ method: 'GET', url: '/_control/state/warehouses' })).statusCode).toBe(200);
    const calls = (await app.inject({ method: 'GET', url: '/_control/calls?pathPrefix=/M3SIM_TST/M3' })).json<
      Array<{ status: number }>
    >();
    expect(calls.map((x) => x.status)).toEqual([200, 429, 503]);

    await ctx.v1('OIS100MI/AddBatchHead?CUNO=C000001');
    await app.inject({ method: 'POST', url: '/_control/reset' });
    expect(ctx.sim.faults.getProfile()).toEqual({});
    expect(ctx.sim.state.batchOrders.size).toBe(0);
    expect(ctx.sim.state.items.size).toBe(20);
    expect((await ctx.v1('MMS005MI/GetWarehouse?WHLO=100')).statusCode).toBe(401);
  });
});
