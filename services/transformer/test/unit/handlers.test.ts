import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createMemoryTable, type AppError, type InboundMessage, type OutgoingRecord } from '@m3mage/runtime';
import { describe, expect, it } from 'vitest';
import { magentoCustomerHandler } from '../../src/handlers/magento-customer.handler';
import { magentoOrderHandler } from '../../src/handlers/magento-order.handler';
import { m3CustomerHandler } from '../../src/handlers/m3-customer.handler';
import { m3SalesOrderHandler } from '../../src/handlers/m3-sales-order.handler';
import { m3ShipmentHandler } from '../../src/handlers/m3-shipment.handler';
import type {
  Change,
  Customer,
  Delivery,
  DocumentVersion,
  M3Customer,
  Order,
  SalesOrder,
  Source,
  UpsertCustomer,
} from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { emittedLog } from '../../src/state/emitted-log';
import { createOrderIndex } from '../../src/xref/order-index';

const golden = (p: string): unknown =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../golden', `${p}.in.json`), 'utf8'));
const order = golden('customer-order/registered-single-line') as Order;
const delivery = (golden('ship-order/single-package') as { document: Delivery }).document;

const source = (id: string): Source => ({
  system: 'MAGENTO',
  entity: 'order',
  id,
  version: '1',
  eventId: `evt-${id}`,
  occurredAt: 1_764_322_800_000,
  receivedAt: 1_764_322_800_100,
});
const msg = <T>(value: Change<T> | null, topic = 't'): InboundMessage<Change<T>> => ({
  topic,
  partition: 0,
  offset: '0',
  key: 'k',
  value,
  headers: {},
  attempt: 1,
});
const change = <T>(before: T | null, after: T | null, op: Change<T>['op'] = 'u'): Change<T> => ({
  op,
  before,
  after,
  source: source('1'),
  tsMs: 0,
});

function rig() {
  const sent: OutgoingRecord[] = [];
  return { sent, send: async (r: OutgoingRecord) => void sent.push(r), now: () => 42 };
}

describe('magento order handler', () => {
  it('sends CreateCustomerOrder keyed by increment id, with correlation and causation ids', async () => {
    const r = rig();
    const res = await magentoOrderHandler(r)(msg(change(null, order, 'c')));
    expect(res).toEqual({ outcome: 'ack' });
    expect(r.sent).toHaveLength(1);
    const [rec] = r.sent;
    expect(rec).toMatchObject({
      topic: 'cmd.m3.customer-order.v1',
      key: '000000007',
      meta: {
        correlationId: '000000007',
        causationId: 'evt-1',
        eventType: 'CreateCustomerOrder',
        sourceSystem: 'MAGENTO',
      },
      value: {
        incrementId: '000000007',
        meta: { idempotencyKey: 'order:000000007', issuedAt: 42, causationId: 'evt-1' },
      },
    });
  });

  it('does not send back an update that only our own writes caused (status, shipped qty, comments)', async () => {
    const r = rig();
    const shipped: Order = {
      ...order,
      state: 'complete',
      status: 'complete',
      updatedAt: '2026-11-29 10:00:00',
      items: order.items.map((i) => ({ ...i, qtyShipped: i.qtyOrdered, qtyInvoiced: i.qtyOrdered })),
    };
    expect(await magentoOrderHandler(r)(msg(change(order, shipped)))).toEqual({ outcome: 'ack' });
    expect(r.sent).toHaveLength(0);
    const readdressed: Order = { ...shipped, shippingAddress: { ...order.shippingAddress!, city: 'Uppsala' } };
    await magentoOrderHandler(r)(msg(change(order, readdressed)));
    expect(r.sent.map((s) => s.topic)).toEqual(['cmd.m3.customer-order.v1']);
  });

  it('posts a captured payment once per increase of the amount paid', async () => {
    const r = rig();
    const pay = (o: Order, amountPaid: string | null): Order => ({ ...o, payment: { ...o.payment!, amountPaid } });
    await magentoOrderHandler(r)(msg(change(pay(order, null), pay(order, '59.9000'))));
    await magentoOrderHandler(r)(msg(change(pay(order, '59.9000'), pay(order, '59.90'))));
    expect(r.sent).toHaveLength(1);
    expect(r.sent[0]).toMatchObject({
      topic: 'cmd.m3.gl-journal.v1',
      value: {
        amount: '59.9',
        method: 'checkmo',
        debitAccount: '1930',
        meta: { idempotencyKey: 'payment:000000007:59.9' },
      },
    });
  });

  it('without `before`, sends an order command and a payment once, by the emitted log', async () => {
    const r = rig();
    const table = createMemoryTable<DocumentVersion>();
    const emitted = emittedLog(table);
    const paidOrder: Order = { ...order, payment: { ...order.payment!, amountPaid: '59.90' } };
    const handler = magentoOrderHandler({ ...r, emitted });
    await handler(msg(change(null, order, 'c')));
    await handler(msg(change(null, { ...order, status: 'processing' })));
    await handler(msg(change(null, paidOrder)));
    await handler(msg(change(null, { ...paidOrder, status: 'complete' })));
    expect(r.sent.map((s) => s.topic)).toEqual(['cmd.m3.customer-order.v1', 'cmd.m3.gl-journal.v1']);
    const moved: Order = { ...paidOrder, shippingAddress: { ...order.shippingAddress!, city: 'Uppsala' } };
    await handler(msg(change(null, moved)));
    expect(r.sent.map((s) => s.topic)).toEqual([
      'cmd.m3.customer-order.v1',
      'cmd.m3.gl-journal.v1',
      'cmd.m3.customer-order.v1',
    ]);
    expect(table.get('payment:000000007')?.version).toBe('59.9');
    // a later handler (after a restart) reads the same table: nothing is sent again
    await magentoOrderHandler({ ...r, emitted: emittedLog(table) })(msg(change(null, { ...moved, status: 'closed' })));
    expect(r.sent).toHaveLength(3);
  });

  it('dead-letters an unmappable order with every problem, and ignores deletes and tombstones', async () => {
    const r = rig();
    const bad: Order = {
      ...order,
      customerEmail: null,
      billingAddress: { ...order.billingAddress!, email: null },
      items: [{ ...order.items[0]!, sku: 'X'.repeat(20) }],
    };
    const res = await magentoOrderHandler(r)(msg(change(null, bad, 'c')));
    expect(res.outcome).toBe('dead-letter');
    const err = (res as { error: AppError }).error;
    expect(err.code).toBe('MAPPING_UNMAPPABLE');
    expect(err.message).toContain('customer.email: the order has no customer e-mail');
    expect(err.message).toContain("lines[0].itno: unknown SKU 'XXXXXXXXXXXXXXXXXXXX'");
    expect(err.details).toMatchObject({ mapping: 'customer-order' });
    expect(await magentoOrderHandler(r)(msg(change(bad, bad)))).toEqual({ outcome: 'ack' });
    expect(await magentoOrderHandler(r)(msg(null))).toEqual({ outcome: 'ack' });
    expect(await magentoOrderHandler(r)(msg(change(order, null, 'd')))).toEqual({ outcome: 'ack' });
    expect(r.sent).toHaveLength(0);
  });
});

describe('M3 document handlers', () => {
  it('parks a delivery for retry until the ORNO → increment id cross-reference exists, then ships', async () => {
    const r = rig();
    const orders = createOrderIndex();
    const handler = m3ShipmentHandler({ ...r, orders });
    const noCuor: Delivery = { ...delivery, cuor: null };
    const first = await handler(msg(change(null, noCuor, 'c')));
    expect(first.outcome).toBe('retry');
    expect((first as { error: AppError }).error.code).toBe('MAPPING_NOT_YET');
    orders.accept({ incrementId: '000000099', orno: noCuor.orno, cuno: 'C1', confirmedAt: 1, commandId: 'x' });
    expect(await handler(msg(change(null, noCuor, 'c')))).toEqual({ outcome: 'ack' });
    expect(r.sent[0]).toMatchObject({
      topic: 'cmd.magento.order.v1',
      key: '000000099',
      value: {
        incrementId: '000000099',
        action: { 'm3mage.commands.ShipOrder': { m3DeliveryNo: delivery.dlix, tracks: [{ carrierCode: 'ups' }] } },
        meta: { idempotencyKey: `ship:000000099:${delivery.dlix}` },
      },
    });
  });

  it('comments an M3 status change once, and only for statuses in the table', async () => {
    const r = rig();
    const handler = m3SalesOrderHandler({ ...r, orders: createOrderIndex() });
    const so = (orst: string): SalesOrder => ({ orno: '1000000042', cuor: '000000007', cuno: 'C1', orsl: orst, orst });
    await handler(msg(change(so('22'), so('33'))));
    await handler(msg(change(so('33'), so('33'))));
    await handler(msg(change(so('33'), so('05'))));
    expect(r.sent).toHaveLength(1);
    expect(r.sent[0]?.value).toMatchObject({ action: { 'm3mage.commands.AddOrderComment': { m3Status: '33' } } });
  });
});

describe('magento customer handler', () => {
  const account = golden('customer-account/billing-and-shipping') as Customer;
  const handler = (r: ReturnType<typeof rig>) =>
    magentoCustomerHandler({ send: r.send, now: r.now, emitted: emittedLog(createMemoryTable<DocumentVersion>()) });
  const sentBodies = (r: ReturnType<typeof rig>) => r.sent.map((s) => s.value as UpsertCustomer);

  it('sends UpsertCustomer keyed by the lower-case e-mail, once per content', async () => {
    const r = rig();
    const h = handler(r);
    expect(await h(msg(change(null, account, 'c')))).toEqual({ outcome: 'ack' });
    // The same account saved again with a newer updated_at but nothing M3 holds changed: not sent again.
    expect(await h(msg(change(null, { ...account, updatedAt: '2026-12-07 13:00:00' })))).toEqual({ outcome: 'ack' });
    expect(r.sent.map((s) => [s.topic, s.key])).toEqual([[TOPIC.cmdM3Customer, 'anna.berg@example.com']]);
    expect(sentBodies(r)[0]).toMatchObject({ origin: 'ACCOUNT', action: 'UPSERT', version: '1796646896000' });
  });

  it('deactivates a deleted account, acknowledges its tombstone and skips an account without e-mail', async () => {
    const r = rig();
    const h = handler(r);
    await h(msg(change(account, null, 'd')));
    await h(msg(null));
    await h(msg(change(null, { ...account, email: ' ' })));
    expect(sentBodies(r)).toEqual([
      expect.objectContaining({
        action: 'DEACTIVATE',
        deactivateStatus: '90',
        updateFields: ['STAT'],
        createIfMissing: false,
        version: String(source('1').occurredAt),
      }),
    ]);
  });

  it('dead-letters an account M3 cannot hold (an e-mail over 50 characters) with the reason', async () => {
    const r = rig();
    const long = golden('customer-account/email-over-50-rejected') as Customer;
    const result = await handler(r)(msg(change(null, long)));
    expect(result.outcome).toBe('dead-letter');
    expect((result as { error: AppError }).error.message).toContain('M3 MAIL holds 50');
    expect(r.sent).toEqual([]);
  });
});

describe('m3 customer handler', () => {
  const linked = golden('m3-customer/phone-and-type') as { customer: M3Customer; magentoCustomerId: number };
  const handler = (r: ReturnType<typeof rig>, ids: Record<string, number>) =>
    m3CustomerHandler({
      send: r.send,
      now: r.now,
      emitted: emittedLog(createMemoryTable<DocumentVersion>()),
      customers: { magentoIdOf: (cuno) => ids[cuno] },
    });

  it('writes the fields M3 owns to the linked account, once per content; an unlinked customer sends nothing', async () => {
    const r = rig();
    const h = handler(r, { [linked.customer.cuno]: 1042 });
    await h(msg(change(null, linked.customer)));
    // M3 publishes the customer again after our own write of Magento's fields (a new name): nothing M3 owns changed.
    await h(msg(change(null, { ...linked.customer, name: 'Anna Lind', changeStamp: '1796646899000' })));
    await h(msg(change(null, { ...linked.customer, cuno: 'B2B0000001' })));
    expect(r.sent.map((s) => [s.topic, s.key])).toEqual([[TOPIC.cmdMagentoCustomer, '1042']]);
    expect(r.sent[0]!.value).toMatchObject({ telephone: '+46 70 123 45 67', groupId: 2, cuno: linked.customer.cuno });
  });
});
