import { afterEach, describe, expect, it } from 'vitest';
import type { MagentoSimulator, Order } from '../src/index';
import { adminToken, build, call } from './support';

let sim: MagentoSimulator | undefined;
afterEach(async () => sim?.close());

describe('order shape (FORMAT-NOTES 32)', () => {
  it('keeps the shipping address only in extension_attributes.shipping_assignments', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const order = (await call(sim, token, { url: '/rest/default/V1/orders/1' })).json<
      Order & Record<string, unknown>
    >();
    expect(order.entity_id).toBe(1);
    expect(order.increment_id).toBe('000000001');
    expect(order.created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(order.created_at).toBe('2025-01-15 09:30:00');
    expect(typeof order.grand_total).toBe('number');
    expect(order.state).toBe('new');
    expect(order.status).toBe('pending');
    expect(Array.isArray(order.billing_address.street)).toBe(true);
    expect(order.billing_address.address_type).toBe('billing');
    const shipping = order.extension_attributes.shipping_assignments[0]?.shipping;
    expect(shipping?.address.address_type).toBe('shipping');
    expect(shipping?.method).toBe('flatrate_flatrate');
    const keys = Object.keys(order);
    expect(keys).not.toContain('shipping_address');
    expect(JSON.stringify(order).match(/"address_type":"shipping"/g)).toHaveLength(1);
    expect(order.items.length).toBeGreaterThan(0);
    expect(order.items[0]?.order_id).toBe(1);
    expect(typeof order.items[0]?.qty_ordered).toBe('number');
    expect(typeof order.items[0]?.price).toBe('number');
  });

  it('stores no card data: payment has a method code and additional_information only', async () => {
    ({ sim } = build({ sizes: { orders: 30 } }));
    for (const o of sim.state.orders.values()) {
      expect(Object.keys(o.payment)).not.toEqual(expect.arrayContaining(['cc_number', 'cc_cid', 'cc_exp_year']));
      expect(o.payment.cc_last4).toBeNull();
      expect(o.payment.method).toMatch(/^[a-z_]+$/);
      for (const info of o.payment.additional_information) expect(info).not.toMatch(/\d{12,}/);
    }
  });

  it('adds and lists status comments; a status in the comment becomes the order status', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const post = await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/orders/1/comments',
      payload: {
        statusHistory: {
          comment: 'Sent to M3 as ORNO 1000123',
          is_customer_notified: 0,
          is_visible_on_front: 0,
          status: 'pending',
        },
      },
    });
    expect(post.statusCode).toBe(200);
    expect(post.json()).toBe(true);
    const list = (await call(sim, token, { url: '/rest/V1/orders/1/comments' })).json<{
      items: Array<{ comment: string }>;
      total_count: number;
    }>();
    expect(list.total_count).toBe(1);
    expect(list.items[0]?.comment).toBe('Sent to M3 as ORNO 1000123');
    const missing = await call(sim, token, { method: 'POST', url: '/rest/V1/orders/1/comments', payload: {} });
    expect(missing.statusCode).toBe(400);
  });
});

describe('ship and invoice with Magento validations (FORMAT-NOTES 33–34)', () => {
  it('ships partially with tracks, refuses over-shipping, then completes', async () => {
    const b = build();
    sim = b.sim;
    const token = await adminToken(sim);
    const order = sim.state.orders.get(1) as Order;
    const [first] = order.items;
    if (!first) throw new Error('seeded order has no items');

    const tooMany = await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/order/1/ship',
      payload: { items: [{ order_item_id: first.item_id, qty: first.qty_ordered + 1 }] },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toEqual({
      message: `Shipment Document Validation Error(s):\nThe quantity to ship must not be greater than the unshipped quantity for product SKU "${first.sku}".`,
      parameters: [],
    });

    b.advance(60_000);
    const partial = await call(sim, token, {
      method: 'POST',
      url: '/rest/default/V1/order/1/ship',
      payload: {
        items: [{ order_item_id: first.item_id, qty: first.qty_ordered }],
        notify: true,
        tracks: [{ track_number: '1Z999AA10123456784', title: 'UPS', carrier_code: 'ups' }],
      },
    });
    expect(partial.statusCode).toBe(200);
    const shipmentId = partial.json<number>();
    expect(typeof shipmentId).toBe('number');
    const after = (await call(sim, token, { url: '/rest/V1/orders/1' })).json<Order>();
    expect(after.updated_at).toBe('2025-01-15 09:31:00');
    expect(after.state).toBe(order.items.length > 1 ? 'processing' : 'new');

    const shipment = (await call(sim, token, { url: `/rest/V1/shipment/${shipmentId}` })).json<{
      tracks: Array<{ track_number: string }>;
      order_id: number;
    }>();
    expect(shipment.order_id).toBe(1);
    expect(shipment.tracks[0]?.track_number).toBe('1Z999AA10123456784');

    const rest = await call(sim, token, { method: 'POST', url: '/rest/V1/order/1/ship', payload: {} });
    expect(rest.statusCode).toBe(200);
    const again = await call(sim, token, { method: 'POST', url: '/rest/V1/order/1/ship', payload: {} });
    expect(again.statusCode).toBe(400);
    expect(again.json<{ message: string }>().message).toBe(
      'Shipment Document Validation Error(s):\nThe order does not allow a shipment to be created.',
    );

    const search = (
      await call(sim, token, {
        url: '/rest/V1/shipments?searchCriteria[filter_groups][0][filters][0][field]=order_id&searchCriteria[filter_groups][0][filters][0][value]=1',
      })
    ).json<{ total_count: number }>();
    expect(search.total_count).toBe(2);
  });

  it('pays an offline-method invoice on register; a gateway method only when it captures (Invoice::register)', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const orders = [...sim.state.orders.values()];
    const offline = orders.find((o) => o.payment.method === 'checkmo' || o.payment.method === 'cashondelivery');
    const gateway = orders.find((o) => o.payment.method === 'braintree');
    expect(offline && gateway, 'seed has offline and gateway orders').toBeTruthy();
    for (const o of [offline!, gateway!]) {
      const res = await call(sim, token, {
        method: 'POST',
        url: `/rest/V1/order/${o.entity_id}/invoice`,
        payload: { capture: false },
      });
      expect(res.statusCode).toBe(200);
    }
    const read = async (id: number) => (await call(sim!, token, { url: `/rest/V1/orders/${id}` })).json<Order>();
    expect((await read(offline!.entity_id)).total_paid).toBe(offline!.grand_total);
    expect((await read(gateway!.entity_id)).total_paid ?? null).toBeNull();
  });

  it('invoices once; a second full invoice fails; the order moves new → processing → complete', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const invoice = await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/order/2/invoice',
      payload: { capture: true, notify: true },
    });
    expect(invoice.statusCode).toBe(200);
    const invoiceId = invoice.json<number>();
    let order = (await call(sim, token, { url: '/rest/V1/orders/2' })).json<Order>();
    expect(order.state).toBe('processing');
    expect(order.total_paid).toBe(order.grand_total);

    const second = await call(sim, token, {
      method: 'POST',
      url: '/rest/V1/order/2/invoice',
      payload: { capture: true },
    });
    expect(second.statusCode).toBe(400);
    expect(second.json()).toEqual({
      message: 'Invoice Document Validation Error(s):\nThe order does not allow an invoice to be created.',
      parameters: [],
    });

    const inv = (await call(sim, token, { url: `/rest/V1/invoices/${invoiceId}` })).json<{
      state: number;
      order_id: number;
      grand_total: number;
    }>();
    expect(inv).toMatchObject({ state: 2, order_id: 2, grand_total: order.grand_total });
    const list = (await call(sim, token, { url: '/rest/V1/invoices' })).json<{ total_count: number }>();
    expect(list.total_count).toBe(1);

    expect((await call(sim, token, { method: 'POST', url: '/rest/V1/order/2/ship', payload: {} })).statusCode).toBe(
      200,
    );
    order = (await call(sim, token, { url: '/rest/V1/orders/2' })).json<Order>();
    expect(order.state).toBe('complete');
    expect(order.status).toBe('complete');
    const closed = await call(sim, token, { method: 'POST', url: '/rest/V1/order/2/invoice', payload: {} });
    expect(closed.json<{ message: string }>().message).toBe(
      'Invoice Document Validation Error(s):\nAn invoice cannot be created when an order has a status of complete',
    );
  });

  it('answers 404 for shipping an unknown order', async () => {
    ({ sim } = build());
    const token = await adminToken(sim);
    const res = await call(sim, token, { method: 'POST', url: '/rest/V1/order/777/ship', payload: {} });
    expect(res.statusCode).toBe(404);
  });
});

describe('concurrent writes on one order (Magento hazard)', () => {
  it('serialized writes pass; overlapping writes fail one with a 500 and mark the order corrupted', async () => {
    ({ sim } = build({ orderWriteHoldMs: 30, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) }));
    const token = await adminToken(sim);
    const ship = (id: number) => call(sim!, token, { method: 'POST', url: `/rest/V1/order/${id}/ship`, payload: {} });
    const invoice = (id: number) =>
      call(sim!, token, { method: 'POST', url: `/rest/V1/order/${id}/invoice`, payload: {} });

    expect((await ship(3)).statusCode).toBe(200);
    expect((await invoice(3)).statusCode).toBe(200);
    expect((await sim.app.inject({ url: '/_control/corruptions' })).json()).toEqual([]);

    const results = await Promise.all([ship(4), invoice(4)]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 500]);
    const failed = results.find((r) => r.statusCode === 500);
    expect(failed?.json<{ message: string }>().message).toMatch(
      /^Internal Error\. Details are available in Magento log file/,
    );
    const corruptions = (await sim.app.inject({ url: '/_control/corruptions' })).json<
      Array<{ orderId: number; operations: string[] }>
    >();
    expect(corruptions).toEqual([expect.objectContaining({ orderId: 4, operations: ['ship', 'invoice'] })]);

    const other = await Promise.all([ship(5), invoice(6)]);
    expect(other.map((r) => r.statusCode)).toEqual([200, 200]);
  });

  it('shows the deadlock message in developer mode', async () => {
    ({ sim } = build({
      developerMode: true,
      orderWriteHoldMs: 30,
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    }));
    const token = await adminToken(sim);
    const comment = () =>
      call(sim!, token, {
        method: 'POST',
        url: '/rest/V1/orders/1/comments',
        payload: { statusHistory: { comment: 'x' } },
      });
    const results = await Promise.all([comment(), comment()]);
    const failed = results.find((r) => r.statusCode === 500);
    expect(failed?.json<{ message: string }>().message).toMatch(/Deadlock found when trying to get lock/);
  });
});
