import { afterEach, describe, expect, it } from 'vitest';
import { placeOrder, rec, setup, T0, type V1Body } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

const subscribed = () =>
  setup({
    subscribers: [{ url: 'http://ingest.test/bod', nouns: ['ItemMaster'] }],
    bodTransport: () => Promise.resolve(200),
  });

describe('item status 50 → 80 when the stock runs out (MMS001)', () => {
  it('sets 80 once the total on-hand over all warehouses is 0 after a stock count, and publishes it', async () => {
    ctx = await subscribed();
    const stock = (whlo: string, quantity: number) =>
      ctx?.sim.app.inject({ method: 'PUT', url: '/_control/stock', payload: { whlo, itno: 'ITM000014', quantity } });
    expect(ctx.sim.state.items.get('ITM000014')?.STAT).toBe('50');
    await stock('100', 0);
    expect(ctx.sim.state.items.get('ITM000014')?.STAT).toBe('50'); // warehouse 200 still has stock
    ctx.advance(5);
    await stock('200', 0);
    expect(ctx.sim.state.items.get('ITM000014')).toMatchObject({
      STAT: '80',
      LMTS: String(T0 + 5),
      LMDT: '20260515',
    });
    expect(rec((await ctx.v1('MMS200MI/GetItmBasic?ITNO=ITM000014')).json<V1Body>()).STAT).toBe('80');
    await ctx.sim.publisher.idle();
    const log = ctx.sim.publisher.log({ noun: 'ItemMaster' });
    expect(log.map((e) => [e.documentId, e.actionCode])).toEqual([['ITM000014', 'Change']]);
    expect(ctx.sim.publisher.bod(log[0]?.bodId ?? '')?.xml).toContain('<Code>80</Code>');
    // a later count leaves 80 alone (80 → 20 is a user's decision)
    await stock('100', 5);
    expect(ctx.sim.state.items.get('ITM000014')?.STAT).toBe('80');
  });

  it('sets 80 when a shipment issues the last stock of a status-50 item; other items keep their status', async () => {
    ctx = await subscribed();
    const app = ctx.sim.app;
    await app.inject({
      method: 'PUT',
      url: '/_control/stock',
      payload: { whlo: '200', itno: 'ITM000017', quantity: 0 },
    });
    await app.inject({
      method: 'PUT',
      url: '/_control/stock',
      payload: { whlo: '100', itno: 'ITM000017', quantity: 2 },
    });
    await app.inject({
      method: 'PUT',
      url: '/_control/stock',
      payload: { whlo: '100', itno: 'ITM000001', quantity: 1 },
    });
    await app.inject({
      method: 'PUT',
      url: '/_control/stock',
      payload: { whlo: '200', itno: 'ITM000001', quantity: 0 },
    });
    const orno = await placeOrder(ctx.v1, {
      cuor: '000000700',
      lines: [
        { itno: 'ITM000017', qty: 2 },
        { itno: 'ITM000001', qty: 1 },
      ],
    });
    expect(ctx.sim.state.orders.get(orno)?.lines).toHaveLength(2); // a status-50 item is still sold
    expect(ctx.sim.state.items.get('ITM000017')?.STAT).toBe('50'); // allocated, not issued
    await app.inject({ method: 'POST', url: `/_control/orders/${orno}/ship` });
    expect(ctx.sim.state.items.get('ITM000017')?.STAT).toBe('80');
    expect(ctx.sim.state.items.get('ITM000001')?.STAT).toBe('20');
    await ctx.sim.publisher.idle();
    expect(ctx.sim.publisher.log({ noun: 'ItemMaster' }).map((e) => e.documentId)).toEqual(['ITM000017']);
  });
});
