import { createHmac, createVerify } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryLogEntry, MagentoSimulator } from '../src/index';
import { adminToken, build, call } from './support';
import { startReceiver } from './receiver';

let sim: MagentoSimulator | undefined;
let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
afterEach(async () => {
  await sim?.close();
  await receiver?.close();
});

describe('Adobe I/O Events mode (FORMAT-NOTES 43–44)', () => {
  it('sends a CloudEvents 1.0 envelope with the nested, DB-style order as data.value (FORMAT-NOTES 50)', async () => {
    receiver = await startReceiver(() => ({ status: 200, body: 'ok' }));
    ({ sim } = build({ subscribers: [{ id: 'io', url: receiver.url, mode: 'io-events' }] }));
    sim.placeOrders(1);
    await sim.idle();
    const types = receiver.received.map((r) => (JSON.parse(r.raw) as { type: string }).type);
    expect(types).toEqual(['com.adobe.commerce.observer.sales_order_save_after']);
    const [delivery] = receiver.received;
    const event = JSON.parse(delivery?.raw ?? '{}') as Record<string, unknown> & {
      data: { value: Record<string, unknown>; key: string; source: string; _metadata: Record<string, string> };
    };
    expect(event).toMatchObject({
      specversion: '1.0',
      source: expect.stringMatching(/^urn:uuid:[0-9a-f-]{36}$/) as unknown,
      datacontenttype: 'application/json',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
      recipient_client_id: 'io',
    });
    expect(event.id).toBe(event.eventid);
    expect(event.data._metadata).toMatchObject({ storeId: '1', websiteId: '1' });
    const value = event.data.value;
    expect(typeof value.entity_id).toBe('string');
    expect(value.grand_total).toMatch(/^\d+\.\d{4}$/);
    expect(value.increment_id).toMatch(/^\d{9}$/);
    expect(value).not.toHaveProperty('extension_attributes');
    expect(value).not.toHaveProperty('billing_address');
    const nested = value as { items: unknown[]; addresses: Array<{ address_type: string }>; payment: object };
    expect(nested.items.length).toBeGreaterThan(0);
    expect(nested.addresses.map((a) => a.address_type)).toEqual(['billing', 'shipping']);
    expect(nested.payment).toMatchObject({ method: expect.any(String) as unknown });
    expect(value).toHaveProperty('status_histories');
    expect(delivery?.headers['x-adobe-event-code']).toBe('com.adobe.commerce.observer.sales_order_save_after');
    const key = (await sim.app.inject({ url: '/_control/webhook-public-key' })).body;
    const sig = String(delivery?.headers['x-adobe-digital-signature-1']);
    expect(
      createVerify('SHA256')
        .update(delivery?.raw ?? '')
        .verify(key, sig, 'base64'),
    ).toBe(true);
  });

  it('filters data.value to the subscribed fields, items[].sku included', async () => {
    receiver = await startReceiver(() => ({ status: 200, body: '' }));
    ({ sim } = build({
      subscribers: [{ url: receiver.url, mode: 'io-events', fields: ['entity_id', 'increment_id', 'items[].sku'] }],
    }));
    const [order] = sim.placeOrders(1);
    await sim.idle();
    const value = (JSON.parse(receiver.received[0]?.raw ?? '{}') as { data: { value: Record<string, unknown> } }).data
      .value;
    expect(Object.keys(value).sort()).toEqual(['entity_id', 'increment_id', 'items']);
    expect(value.items).toEqual(order?.items.map((i) => ({ sku: i.sku })));
  });
});

describe('Adobe Commerce webhook mode (FORMAT-NOTES 39–42)', () => {
  it('signs {subject,eventName,data} so the published public key verifies it over the base64 body', async () => {
    receiver = await startReceiver();
    ({ sim } = build({
      subscribers: [{ url: receiver.url, mode: 'commerce-webhook', headers: { authorization: 'Bearer hook-secret' } }],
    }));
    const token = await adminToken(sim);
    await call(sim, token, { method: 'POST', url: '/rest/V1/order/1/ship', payload: {} });
    await sim.idle();
    const names = receiver.received.map((r) => (JSON.parse(r.raw) as { eventName: string }).eventName);
    expect(names).toEqual(['sales_order_shipment_save_after', 'sales_order_save_after']);
    const orderEvent = receiver.received[1];
    const body = JSON.parse(orderEvent?.raw ?? '{}') as { subject: unknown; data: { order: { entity_id: unknown } } };
    expect(body.subject).toEqual([]);
    expect(body.data.order.entity_id).toBe(1);
    expect(orderEvent?.headers.authorization).toBe('Bearer hook-secret');

    const publicKey = (await sim.app.inject({ url: '/_control/webhook-public-key' })).body;
    expect(publicKey).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const signature = String(orderEvent?.headers['x-adobe-commerce-webhook-signature']);
    const verifier = createVerify('SHA256');
    verifier.update(Buffer.from(orderEvent?.raw ?? '').toString('base64'));
    expect(verifier.verify(publicKey, signature, 'base64')).toBe(true);
    const tampered = createVerify('SHA256');
    tampered.update(Buffer.from(`${orderEvent?.raw ?? ''} `).toString('base64'));
    expect(tampered.verify(publicKey, signature, 'base64')).toBe(false);
  });
});

describe('generic JSON webhook mode', () => {
  it('signs the raw body with x-webhook-signature: sha256=<hex> and can send Basic auth', async () => {
    receiver = await startReceiver(() => ({ status: 204, body: '' }));
    ({ sim } = build({
      subscribers: [
        {
          url: receiver.url,
          mode: 'generic-webhook',
          secret: 's3cret',
          basicAuth: { username: 'u', password: 'p' },
          events: ['customer_save_after'],
        },
      ],
    }));
    const token = await adminToken(sim);
    await call(sim, token, { method: 'PUT', url: '/rest/V1/customers/1', payload: { customer: { lastname: 'Żółć' } } });
    await sim.idle();
    expect(receiver.received).toHaveLength(1);
    const r = receiver.received[0];
    const expected = `sha256=${createHmac('sha256', 's3cret')
      .update(r?.raw ?? '')
      .digest('hex')}`;
    expect(r?.headers['x-webhook-signature']).toBe(expected);
    expect(r?.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    const body = JSON.parse(r?.raw ?? '{}') as {
      event: string;
      entity: string;
      id: string;
      data: { lastname: string };
    };
    expect(body).toMatchObject({ event: 'customer_save_after', entity: 'customer', data: { lastname: 'Żółć' } });
    expect(r?.headers['x-webhook-id']).toBe(body.id);
  });
});

describe('delivery options (switchable at run time)', () => {
  it('drops events that polling must then find in REST', async () => {
    receiver = await startReceiver();
    ({ sim } = build({ subscribers: [{ url: receiver.url, mode: 'commerce-webhook' }] }));
    await sim.app.inject({ method: 'PUT', url: '/_control/delivery', payload: { dropRate: 1 } });
    const [order] = sim.placeOrders(1);
    await sim.idle();
    expect(receiver.received).toHaveLength(0);
    const log = (await sim.app.inject({ url: '/_control/events' })).json<DeliveryLogEntry[]>();
    expect(log.map((l) => l.outcome)).toEqual(['dropped']);
    const token = await adminToken(sim);
    expect((await call(sim, token, { url: `/rest/V1/orders/${order?.entity_id}` })).statusCode).toBe(200);
  });

  it('duplicates deliveries with the same event id', async () => {
    receiver = await startReceiver(() => ({ status: 200, body: '' }));
    ({ sim } = build({
      subscribers: [{ url: receiver.url, mode: 'generic-webhook' }],
      delivery: { duplicateRate: 1 },
    }));
    sim.placeOrders(1);
    await sim.idle();
    const ids = receiver.received.map((r) => r.headers['x-webhook-id']);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('reorders: a held-back event arrives after a later one', async () => {
    receiver = await startReceiver(() => ({ status: 200, body: '' }));
    let n = 0;
    ({ sim } = build({
      subscribers: [{ url: receiver.url, mode: 'generic-webhook' }],
      delivery: { reorderRate: 0.5, reorderDelayMs: 50 },
      random: () => (n++ === 0 ? 0 : 0.99), // hold back only the first event
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    }));
    const [first, second] = sim.placeOrders(2);
    await sim.idle();
    const order = receiver.received.map(
      (r) => (JSON.parse(r.raw) as { data: { increment_id: string } }).data.increment_id,
    );
    expect(order).toEqual([second?.increment_id, first?.increment_id]);
  });

  it('manages subscribers through the control API', async () => {
    ({ sim } = build());
    const add = await sim.app.inject({
      method: 'POST',
      url: '/_control/subscribers',
      payload: { url: 'http://127.0.0.1:9/x', mode: 'io-events' },
    });
    expect(add.statusCode).toBe(201);
    const id = add.json<{ id: string }>().id;
    expect((await sim.app.inject({ url: '/_control/subscribers' })).json()).toHaveLength(1);
    const bad = await sim.app.inject({
      method: 'POST',
      url: '/_control/subscribers',
      payload: { url: 'nope', mode: 'carrier-pigeon' },
    });
    expect(bad.statusCode).toBe(400);
    expect((await sim.app.inject({ method: 'DELETE', url: `/_control/subscribers/${id}` })).statusCode).toBe(200);
    expect((await sim.app.inject({ url: '/_control/subscribers' })).json()).toHaveLength(0);
  });
});
