// The inventory BOD the simulator publishes when configured (`inventoryNouns: ['LS_ItemStock']`): one SyncLS_ItemStock
// per balance change (count, allocation, order confirm, the burst's final publish), in the layout m3-ion-ingest
// assumes, delivered like every other BOD (subscriber nouns, duplicates, retries).
import { XMLParser } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';
import type { M3SimulatorOptions } from '../src/index';
import { placeOrder, setup, T0 } from './helpers';

let ctx: Awaited<ReturnType<typeof setup>> | undefined;
afterEach(async () => ctx?.sim.close());

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false });
type Node = Record<string, unknown>;

function recording(statuses: number[] = []) {
  const bodies: string[] = [];
  const transport = (_url: string, init: { body: string }) => {
    bodies.push(init.body);
    return Promise.resolve(statuses.shift() ?? 200);
  };
  return { bodies, transport };
}

/** The LS_ItemStock noun element of a BOD, and its Sync verb. */
function itemStock(xml: string): { root: string; sync: Node; stock: Node } {
  const doc = parser.parse(xml) as Record<string, Node>;
  const root = Object.keys(doc).find((k) => k !== '?xml') ?? '';
  const data = doc[root]?.DataArea as Record<string, Node>;
  return { root, sync: data.Sync ?? {}, stock: data.LS_ItemStock ?? {} };
}

const withStockBod = (transport: NonNullable<M3SimulatorOptions['bodTransport']>, extra: M3SimulatorOptions = {}) =>
  setup({
    inventoryNouns: ['InventoryCount', 'LS_ItemStock'],
    subscribers: [{ url: 'http://ingest.test/bod', nouns: ['LS_ItemStock'] }],
    bodTransport: transport,
    ...extra,
  });
const putBalance = (whlo: string, itno: string, payload: object) =>
  ctx!.sim.app.inject({ method: 'PUT', url: `/_control/balances/${whlo}/${itno}`, payload });

describe('LS_ItemStock BOD', () => {
  it('publishes the assumed layout on a count: ids, quantities with unitCode, transaction and change times', async () => {
    const { bodies, transport } = recording();
    ctx = await withStockBod(transport);
    await putBalance('100', 'ITM000005', { STQT: 30, ALQT: 4 });
    await ctx.sim.publisher.idle();
    expect(bodies).toHaveLength(1);
    const { root, sync, stock } = itemStock(bodies[0]!);
    expect(root).toBe('SyncLS_ItemStock');
    expect(sync).toMatchObject({ AccountingEntityID: '100_AAA', LocationID: '100' });
    expect((sync.ActionCriteria as Record<string, Node>).ActionExpression?.['@_actionCode']).toBe('Change');
    expect(stock).toEqual({
      ItemID: {
        ID: {
          '#text': 'ITM000005',
          '@_accountingEntity': '100_AAA',
          '@_location': '100',
          '@_lid': 'lid://infor.m3be.m3be', // the parser trims; the BOD has the trailing space
          '@_variationID': '1',
        },
      },
      Facility: { ID: '100' },
      Quantity: { '#text': '30', '@_unitCode': 'PCS' },
      AllocatedQuantity: { '#text': '4', '@_unitCode': 'PCS' },
      AllocatableQuantity: { '#text': '26', '@_unitCode': 'PCS' },
      AllocatableNetQuantity: { '#text': '26', '@_unitCode': 'PCS' },
      TransactionDateTime: '2026-05-15T10:00:00Z',
      LastModificationDateTime: new Date(T0).toISOString(),
    });
    expect(ctx.sim.publisher.log({ noun: 'LS_ItemStock' }).map((e) => [e.documentId, e.variationId])).toEqual([
      ['ITM000005@100', 1],
    ]);
  });

  it('publishes an allocation alone too: the change time moves, the transaction time does not', async () => {
    const { bodies, transport } = recording();
    ctx = await withStockBod(transport);
    await putBalance('200', 'ITM000006', { STQT: 10 });
    ctx.advance(90_000);
    await putBalance('200', 'ITM000006', { ALQT: 3 });
    await ctx.sim.publisher.idle();
    const [count, allocation] = bodies.map((b) => itemStock(b).stock);
    expect(allocation?.TransactionDateTime).toBe(count?.TransactionDateTime);
    expect(allocation?.LastModificationDateTime).toBe(new Date(T0 + 90_000).toISOString());
    expect(allocation?.AllocatedQuantity).toEqual({ '#text': '3', '@_unitCode': 'PCS' });
    expect((allocation?.ItemID as Record<string, Node>).ID?.['@_variationID']).toBe('2');
  });

  it('is published for the lines of a confirmed order and once per key after a burst with publish', async () => {
    const { transport } = recording();
    ctx = await withStockBod(transport);
    await placeOrder(ctx.v1, { cuor: '000000901', lines: [{ itno: 'ITM000001', qty: 2 }] });
    const burst = await ctx.sim.app.inject({
      method: 'POST',
      url: '/_control/stock/burst',
      payload: { changes: 40, keys: 4, seed: 2, warehouses: ['100'], publish: true },
    });
    const final = burst.json<{ final: Array<{ WHLO: string; ITNO: string }> }>().final;
    await ctx.sim.publisher.idle();
    const ids = ctx.sim.publisher.log({ noun: 'LS_ItemStock' }).map((e) => e.documentId);
    expect(ids[0]).toBe('ITM000001@100');
    expect(ids.slice(1).sort()).toEqual(final.map((f) => `${f.ITNO}@${f.WHLO}`).sort());
  });

  it('is delivered like the other BODs: duplicates (same BODID) and retries of a failed delivery', async () => {
    const { bodies, transport } = recording([503]);
    ctx = await withStockBod(transport, {
      bodDelivery: { duplicateRate: 1, retry: { baseMs: 0, maxMs: 0, maxAttempts: 3 } },
    });
    await putBalance('100', 'ITM000002', { STQT: 7 });
    await ctx.sim.publisher.idle();
    const log = ctx.sim.publisher.log({ noun: 'LS_ItemStock' });
    expect(log.map((e) => e.duplicate)).toEqual([false, true]);
    expect(log[0]?.bodId).toBe(log[1]?.bodId);
    expect(log.every((e) => e.status === 'delivered')).toBe(true);
    expect(log[0]?.attempts).toBe(2);
    expect(bodies).toHaveLength(3);
  });

  it('is not published unless configured (InventoryCount stays the default inventory BOD)', async () => {
    const { bodies, transport } = recording();
    ctx = await setup({
      subscribers: [{ url: 'http://ingest.test/bod', nouns: ['LS_ItemStock', 'InventoryCount'] }],
      bodTransport: transport,
    });
    await putBalance('100', 'ITM000005', { STQT: 3 });
    await ctx.sim.publisher.idle();
    expect(ctx.sim.publisher.log().map((e) => e.noun)).toEqual(['InventoryCount']);
    expect(bodies.every((b) => b.includes('<SyncInventoryCount '))).toBe(true);
  });
});
