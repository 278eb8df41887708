// Adobe Commerce webhooks: one synchronous call, never redelivered (FORMAT-NOTES 46); plugin.* methods
// (38–39, 50); hook <fields> (39, 50).
import { afterEach, describe, expect, it } from 'vitest';
import type { DeliveryLogEntry, MagentoSimulator } from '../src/index';
import { adminToken, build, call } from './support';
import { fakeFetch } from './virtual-time';

let sim: MagentoSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const URL = 'http://127.0.0.1:9/webhooks/adobe-commerce';
const log = async (s: MagentoSimulator, query = ''): Promise<DeliveryLogEntry[]> =>
  (await s.app.inject({ url: `/_control/events${query}` })).json<DeliveryLogEntry[]>();

describe('a Commerce webhook is called once and never redelivered (FORMAT-NOTES 46)', () => {
  it.each([
    ['HTTP 500', { status: 500, body: {} }],
    ['HTTP 503', { status: 503, body: { op: 'exception' } }],
    ['200 with op exception', { status: 200, body: { op: 'exception', message: 'nope' } }],
  ])('%s fails the call and nothing is sent again, whatever maxAttempts says', async (_label, answer) => {
    const receiver = fakeFetch(() => answer);
    ({ sim } = build({
      fetch: receiver.fetch,
      subscribers: [{ url: URL, mode: 'commerce-webhook', events: ['sales_order_save_after'] }],
      delivery: { maxAttempts: 5, retryBackoffMs: 1 },
    }));
    sim.placeOrders(1);
    await sim.idle();
    expect(receiver.calls).toHaveLength(1);
    const [entry] = await log(sim);
    expect(entry).toMatchObject({ outcome: 'failed', eventName: 'sales_order_save_after' });
    expect(entry?.attempts).toHaveLength(1);
  });

  it('a timeout is one failed call too', async () => {
    const hanging = (async (_u: unknown, init?: RequestInit) =>
      new Promise<Response>((_r, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('The operation was aborted due to timeout'))),
      )) as typeof fetch;
    let calls = 0;
    ({ sim } = build({
      fetch: (async (u: string, i?: RequestInit) => {
        calls++;
        return hanging(u, i);
      }) as typeof fetch,
      subscribers: [{ url: URL, mode: 'commerce-webhook' }],
      delivery: { timeoutMs: 20 },
    }));
    sim.placeOrders(1);
    await sim.idle();
    expect(calls).toBe(1);
    expect((await log(sim))[0]).toMatchObject({
      outcome: 'failed',
      attempts: [{ error: expect.any(String) as unknown }],
    });
  });
});

describe('plugin.* hook methods (FORMAT-NOTES 38–39)', () => {
  it('an after plugin on the order repository gets {subject, entity, result}; the log names the method', async () => {
    const receiver = fakeFetch(() => ({ status: 200, body: { op: 'success' } }));
    ({ sim } = build({
      fetch: receiver.fetch,
      subscribers: [{ url: URL, mode: 'commerce-webhook', events: ['plugin.magento.sales.api.order_repository.save'] }],
    }));
    const token = await adminToken(sim);
    await call(sim, token, { method: 'POST', url: '/rest/V1/order/1/ship', payload: {} });
    await sim.idle();
    expect(receiver.calls).toHaveLength(1);
    const body = JSON.parse(receiver.calls[0]?.body ?? '{}') as Record<string, { entity_id?: number }>;
    expect(Object.keys(body).sort()).toEqual(['entity', 'result', 'subject']);
    expect(body.entity?.entity_id).toBe(1);
    expect(body.result).toEqual(body.entity);
    expect(body).not.toHaveProperty('eventName');
    expect((await log(sim))[0]).toMatchObject({
      eventName: 'plugin.magento.sales.api.order_repository.save',
      outcome: 'delivered',
    });
  });

  it('the SaaS spelling (no magento.) works; a before hook carries the arguments without result', async () => {
    const receiver = fakeFetch(() => ({ status: 200, body: { op: 'success' } }));
    ({ sim } = build({
      fetch: receiver.fetch,
      subscribers: [
        {
          url: URL,
          mode: 'commerce-webhook',
          webhookType: 'before',
          events: ['plugin.sales.api.order_management.place'],
        },
      ],
    }));
    const [order] = sim.placeOrders(1);
    await sim.idle();
    const body = JSON.parse(receiver.calls[0]?.body ?? '{}') as { order?: { increment_id: string } };
    expect(Object.keys(body).sort()).toEqual(['order', 'subject']);
    expect(body.order?.increment_id).toBe(order?.increment_id);
  });

  it('observer.<event> and plugin.* subscribed together are two calls', async () => {
    const receiver = fakeFetch(() => ({ status: 200, body: { op: 'success' } }));
    ({ sim } = build({
      fetch: receiver.fetch,
      subscribers: [
        {
          url: URL,
          mode: 'commerce-webhook',
          events: ['observer.customer_save_after', 'plugin.magento.customer.api.customer_repository.save'],
        },
      ],
    }));
    const token = await adminToken(sim);
    await call(sim, token, { method: 'PUT', url: '/rest/V1/customers/1', payload: { customer: { lastname: 'Żółć' } } });
    await sim.idle();
    expect((await log(sim)).map((l) => l.eventName)).toEqual([
      'customer_save_after',
      'plugin.magento.customer.api.customer_repository.save',
    ]);
    const plugin = JSON.parse(receiver.calls[1]?.body ?? '{}') as Record<string, unknown>;
    expect(plugin).toMatchObject({ customer: { lastname: 'Żółć' }, passwordHash: null });
  });

  it('refuses unknown methods, and plugin.* outside commerce-webhook mode', async () => {
    ({ sim } = build());
    for (const payload of [
      { url: URL, mode: 'commerce-webhook', events: ['plugin.magento.sales.api.no_such.thing'] },
      { url: URL, mode: 'io-events', events: ['plugin.magento.sales.api.order_repository.save'] },
    ]) {
      const res = await sim.app.inject({ method: 'POST', url: '/_control/subscribers', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});

describe('hook <fields> (FORMAT-NOTES 39, 50)', () => {
  it('sends only the configured fields: full source paths, renamed outputs, items[].sku', async () => {
    const receiver = fakeFetch(() => ({ status: 200, body: { op: 'success' } }));
    ({ sim } = build({
      fetch: receiver.fetch,
      subscribers: [
        {
          url: URL,
          mode: 'commerce-webhook',
          events: ['observer.sales_order_save_after'],
          fields: [
            'eventName',
            { name: 'order.number', source: 'data.order.increment_id' },
            { name: 'order.items[].sku', source: 'data.order.items[].sku' },
            'data.order.no_such_field',
          ],
        },
      ],
    }));
    const [order] = sim.placeOrders(1);
    await sim.idle();
    expect(JSON.parse(receiver.calls[0]?.body ?? '{}')).toEqual({
      eventName: 'sales_order_save_after',
      order: { number: order?.increment_id, items: order?.items.map((i) => ({ sku: i.sku })) },
    });
  });

  it('plugin payloads are filtered by their own paths (order.items[].sku, order.addresses)', async () => {
    const receiver = fakeFetch(() => ({ status: 200, body: { op: 'success' } }));
    ({ sim } = build({
      fetch: receiver.fetch,
      subscribers: [
        {
          url: URL,
          mode: 'commerce-webhook',
          events: ['plugin.magento.sales.api.order_management.place'],
          fields: ['order.increment_id', 'order.items[].sku', 'order.billing_address.city'],
        },
      ],
    }));
    const [order] = sim.placeOrders(1);
    await sim.idle();
    expect(JSON.parse(receiver.calls[0]?.body ?? '{}')).toEqual({
      order: {
        increment_id: order?.increment_id,
        items: order?.items.map((i) => ({ sku: i.sku })),
        billing_address: { city: order?.billing_address.city },
      },
    });
  });
});
