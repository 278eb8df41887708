// An authentic delivery about an order Magento does not have is answered as each sender's retry rules require
// (FORMAT-NOTES §H), counted `not_found`, never 503: Commerce webhooks 200 {"op":"success"} (an after-hook must
// not block, and is never called again), I/O Events 200 "ignored" (it retries every non-2xx for 24 h), generic
// webhooks 422 naming the order. A delivery that only raced its order's commit is ingested by the poller.
import { AppError, createLogger, createMetrics, type OutgoingRecord } from '@m3mage/runtime';
import type { MagentoOrderChange } from '@m3mage/schemas/types';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app';
import type { OrdersClient } from '../src/clients/magento-orders.client';
import { magentoTime } from '../src/poller/poller';
import { memoryCheckpointStore, memoryVersions } from '../src/state/stores';
import { PATHS, type Mode } from './support/deliveries';
import { harness, hmac, HMAC_SECRET, rsaKeys, simCustomers, T0, testConfig, type Harness } from './support/harness';
import { liveSimulator } from './support/live-sim';

const missing = { entity_id: 4242, increment_id: '000004242' };

function delivery(mode: Mode, keys: ReturnType<typeof rsaKeys>): { body: string; headers: Record<string, string> } {
  const json = { 'content-type': 'application/json' };
  if (mode === 'io-events') {
    const body = JSON.stringify({
      specversion: '1.0',
      id: 'evt-4242',
      source: 'urn:uuid:shop',
      type: 'com.adobe.commerce.observer.sales_order_save_after',
      data: { value: { entity_id: '4242', increment_id: '000004242' } },
    });
    return { body, headers: { ...json, 'x-adobe-digital-signature-1': keys.raw(body) } };
  }
  if (mode === 'commerce-webhook') {
    // A hook whose <fields> keep only the ids: the order is read from REST, which does not have it.
    const body = JSON.stringify({ subject: [], eventName: 'sales_order_save_after', data: { order: missing } });
    return { body, headers: { ...json, 'x-adobe-commerce-webhook-signature': keys.commerce(body) } };
  }
  const body = JSON.stringify({ event: 'sales_order_save_after', id: 'w-4242', data: missing });
  return { body, headers: { ...json, 'x-webhook-signature': hmac(HMAC_SECRET, body) } };
}

describe('an authentic delivery about an order Magento does not have', () => {
  let h: Harness;
  let keys: ReturnType<typeof rsaKeys>;
  beforeEach(async () => {
    keys = rsaKeys();
    h = await harness({ WEBHOOK_PUBLIC_KEY: keys.pem, IO_EVENTS_PUBLIC_KEY: keys.pem });
  });
  afterEach(() => h.close());

  const message = 'Magento has no order 000004242: not ingested (the poller ingests it once Magento has it)';
  it.each([
    ['commerce-webhook', 200, { op: 'success' }],
    ['io-events', 200, { status: 'ignored', reason: 'not_found', message }],
    ['generic-webhook', 422, { error: 'not_found', message }],
  ] as const)('%s: %i %j, counted not_found, nothing produced', async (mode, status, answer) => {
    const d = delivery(mode, keys);
    const res = await h.http.inject({ method: 'POST', url: PATHS[mode], headers: d.headers, payload: d.body });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual(answer);
    expect(res.headers['retry-after']).toBeUndefined();
    expect(h.orders.calls).toBe(1);
    expect(h.produced).toHaveLength(0);
    expect(await h.count(mode, 'not_found')).toBe(1);
    expect(await h.count(mode, 'unavailable')).toBe(0);
  });

  it('Magento REST failing is still a 503 the sender retries (only "no such order" is not)', async () => {
    h.orders.fail = new AppError('HTTP_5XX', 'magento 502');
    const d = delivery('io-events', keys);
    const res = await h.http.inject({ method: 'POST', url: PATHS['io-events'], headers: d.headers, payload: d.body });
    expect(res.statusCode).toBe(503);
    expect(await h.count('io-events', 'not_found')).toBe(0);
  });
});

describe('a delivery that races its own order commit', () => {
  let live: Awaited<ReturnType<typeof liveSimulator>>;
  let http: FastifyInstance;
  let app: App;
  let produced: OutgoingRecord<MagentoOrderChange>[];
  /** Entity ids REST cannot read yet: the order's transaction has not committed when the delivery arrives. */
  const uncommitted = new Set<number>();
  const metrics = createMetrics({ service: 'magento-ingest', collectDefaults: false });

  beforeEach(async () => {
    http = Fastify();
    live = await liveSimulator({
      // The simulator delivers its events into the endpoint in-process.
      fetch: async (url, init) => {
        const u = new URL(typeof url === 'string' ? url : url instanceof URL ? url.href : url.url);
        const res = await http.inject({
          method: 'POST',
          url: u.pathname,
          headers: init?.headers as Record<string, string>,
          payload: init?.body as string,
        });
        return new Response(res.body, { status: res.statusCode });
      },
    });
    const orders: OrdersClient = {
      get: async (id) => {
        if (uncommitted.has(id)) throw new AppError('MAGENTO_NOT_FOUND', `No such entity with entity_id = ${id}`);
        return live.oauth.get(id);
      },
      byIncrementId: (id) => live.oauth.byIncrementId(id),
      changedPage: (q, size) => live.oauth.changedPage(q, size),
    };
    produced = [];
    app = await buildApp({
      config: testConfig({
        IO_EVENTS_PUBLIC_KEY: live.sim.publicKeyPem,
        POLL_ENABLED: 'true',
        POLL_START_AT: magentoTime(T0),
      }),
      http,
      logger: createLogger({ service: 'magento-ingest', version: '0', level: 'silent' }),
      metrics,
      orders,
      customers: simCustomers(live.sim),
      versions: memoryVersions(),
      checkpoints: memoryCheckpointStore(),
      now: live.now,
      produce: async (r) => {
        produced.push(r as OutgoingRecord<MagentoOrderChange>);
      },
      deadLetter: async () => undefined,
    });
    await http.ready();
  });
  afterEach(async () => {
    await http.close();
    await live.close();
    uncommitted.clear();
  });

  const counted = async (source: string, outcome: string): Promise<number> =>
    (await metrics.ingestRequestsTotal.get()).values.find(
      (v) => v.labels.source === source && v.labels.outcome === outcome,
    )?.value ?? 0;

  // A subscription with `<fields>` carries a thin order (read from REST, FORMAT-NOTES 50); the whole order
  // would be mapped from the payload itself.
  it.each(['io-events'] as const)(
    '%s: answered not_found while REST cannot read the order; the next poller pass produces it once',
    async (mode) => {
      live.sim.events.config.setSubscribers([
        {
          url: `http://ingest.test${PATHS[mode]}`,
          mode,
          events: ['sales_order_save_after'],
          fields: ['entity_id', 'increment_id', 'updated_at'],
        },
      ]);
      const entityId = live.sim.state.orders.size + 1; // the id the next order gets
      uncommitted.add(entityId);
      live.sim.placeOrders(1);
      await live.sim.idle();
      const order = live.sim.state.orders.get(entityId);
      expect(order).toBeDefined();
      const [entry] = live.sim.events.dispatcher.entries();
      expect(entry?.attempts.map((a) => a.status)).toEqual([200]);
      expect(JSON.parse(entry!.body)).not.toHaveProperty('data.value.items');
      expect(await counted(mode, 'not_found')).toBe(1);
      expect(produced).toHaveLength(0);

      uncommitted.delete(entityId); // committed: REST reads it now
      live.advance(1000);
      const pass = await app.poller!.pollOnce();
      expect(pass).toMatchObject({ seen: 1, produced: 1, failed: 0 });
      expect(produced.map((r) => [r.key, r.value?.op, r.headers?.['ingest-source']])).toEqual([
        [order!.increment_id, 'c', 'poller'],
      ]);
      expect((await app.poller!.pollOnce()).produced).toBe(0);
      expect(produced).toHaveLength(1);
    },
  );
});
