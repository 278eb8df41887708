// magento-ingest end to end on the real broker and registry with the Magento simulator delivering over HTTP.
import { createHmac } from 'node:crypto';
import { createKafkaClient, createLogger, type DeadLetter } from '@m3mage/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { testStack } from '../../../test/support/env';
import { COMMERCE_WEBHOOK_PATH } from '../src/routes/commerce-webhook.route';
import { GENERIC_WEBHOOK_PATH } from '../src/routes/generic-webhook.route';
import { IO_EVENTS_PATH } from '../src/routes/io-events.route';
import { rsaKeys } from './support/harness';
import { HMAC_SECRET, ingestStack, topicReader, waitFor, type IngestStack } from './support/stack';
import { TOPIC } from '@m3mage/topics/catalogue';

let stack: IngestStack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** Deterministic randomness for the simulator's drop/duplicate decisions. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const versionsOf = (s: IngestStack) => s.cdc.records.map((r) => `${r.key}@${r.value.source.version}`);
const distinct = (xs: string[]) => new Set(xs).size;

async function adminToken(s: IngestStack): Promise<string> {
  const res = await s.sim.app.inject({
    method: 'POST',
    url: '/rest/V1/integration/admin/token',
    payload: s.sim.credentials.admin,
  });
  return res.json<string>();
}

describe('magento-ingest on the real broker', () => {
  it('produces each order version exactly once when every webhook and event is delivered twice (three channels + poller)', async () => {
    stack = await ingestStack({}, { delivery: { duplicateRate: 1 } });
    const s = stack;
    const events = ['sales_order_save_after'] as const;
    s.sim.events.config.setSubscribers([
      { url: `${s.url}${COMMERCE_WEBHOOK_PATH}`, mode: 'commerce-webhook', events: [...events] },
      { url: `${s.url}${IO_EVENTS_PATH}`, mode: 'io-events', events: [...events] },
      { url: `${s.url}${GENERIC_WEBHOOK_PATH}`, mode: 'generic-webhook', events: [...events], secret: HMAC_SECRET },
    ]);
    const placed = s.sim.placeOrders(25);
    await s.sim.idle();
    // A second version of some orders, at least one second later (updated_at has one-second resolution).
    await new Promise((r) => setTimeout(r, 1100));
    const token = await adminToken(s);
    for (const o of placed.slice(0, 10)) {
      const res = await s.sim.app.inject({
        method: 'POST',
        url: `/rest/default/V1/orders/${o.entity_id}/comments`,
        headers: { authorization: `Bearer ${token}` },
        payload: { statusHistory: { comment: 'held for review', status: 'holded' } },
      });
      expect(res.statusCode).toBe(200);
    }
    await s.sim.idle();
    const log = s.sim.events.dispatcher.entries();
    expect(log.filter((l) => l.duplicate).length).toBe(log.length / 2);
    expect(log.every((l) => l.outcome === 'delivered')).toBe(true);

    const finalVersion = new Map(placed.map((o) => [o.increment_id, s.sim.state.orders.get(o.entity_id)!.updated_at]));
    await waitFor(
      () =>
        [...finalVersion].every(([id, v]) => s.cdc.records.some((r) => r.key === id && r.value.source.version === v)),
      30_000,
      'the latest version of every order on cdc.magento.order.v1',
    );
    // A late duplicate (a poller pass re-reading the overlap) would be in cdc after this.
    expect(await s.settle()).toMatchObject({ produced: 0 });
    expect(distinct(versionsOf(s))).toBe(s.cdc.records.length);
    expect(distinct(s.cdc.records.map((r) => r.key))).toBe(25);
    expect(s.cdc.records.filter((r) => r.value.op === 'c')).toHaveLength(25);
    const held = s.cdc.records.filter((r) => r.value.after?.status === 'holded');
    expect(distinct(held.map((r) => r.key))).toBe(10);
    expect(held.every((r) => r.value.op === 'u')).toBe(true);
    const sample = s.cdc.records[0]!;
    expect(sample.headers).toMatchObject({
      'correlation-id': sample.key,
      'event-type': 'MagentoOrderChange',
      'source-system': 'MAGENTO',
    });
  });

  it('with 10 % of the webhooks dropped, the poller catches the rest: one record per order placed', async () => {
    stack = await ingestStack({}, { random: prng(7), delivery: { dropRate: 0.1 } });
    const s = stack;
    s.sim.events.config.setSubscribers([
      { url: `${s.url}${COMMERCE_WEBHOOK_PATH}`, mode: 'commerce-webhook', events: ['sales_order_save_after'] },
    ]);
    const placed = s.sim.placeOrders(60);
    await s.sim.idle();
    const dropped = s.sim.events.dispatcher.entries({ outcome: 'dropped' });
    expect(dropped.length).toBeGreaterThan(0);
    await waitFor(() => distinct(s.cdc.records.map((r) => r.key)) === 60, 30_000, '60 distinct orders');
    expect(await s.settle()).toMatchObject({ produced: 0 });
    expect(s.cdc.records).toHaveLength(60);
    expect(new Set(s.cdc.records.map((r) => r.key))).toEqual(new Set(placed.map((o) => o.increment_id)));
    const droppedIds = new Set(dropped.map((d) => s.sim.state.orders.get(Number(d.entityId))!.increment_id));
    const viaPoller = s.cdc.records.filter((r) => r.headers['ingest-source'] === 'poller').map((r) => r.key);
    for (const id of droppedIds) expect(viaPoller).toContain(id);
  });

  it('dead-letters an order the poller cannot map to magento-ingest.dlq (Avro, x-* headers) and the others flow', async () => {
    const s = await ingestStack();
    stack = s;
    const placed = s.sim.placeOrders(5);
    const bad = s.sim.state.orderByIncrementId(placed[2]!.increment_id)!;
    (bad as unknown as Record<string, unknown>).grand_total = 'twelve';
    const dlq = await topicReader(`${s.ns}${TOPIC.magentoIngestDlq}`);
    try {
      await waitFor(
        () => s.cdc.records.length === 4 && dlq.records.length === 1,
        30_000,
        '4 changes and 1 dead letter',
      );
      // A later pass re-reads all five (overlap) and dead-letters nothing again.
      expect(await s.settle()).toMatchObject({ seen: 5, produced: 0, deadLettered: 0, duplicates: 5 });
      await dlq.caughtUp();
      expect(dlq.records).toHaveLength(1);
      const [letter] = dlq.records as unknown as Array<{
        key: string;
        value: DeadLetter;
        headers: Record<string, string>;
      }>;
      expect(letter!.key).toBe(bad.increment_id);
      expect(letter!.value).toMatchObject({
        originalTopic: `magento-rest:/V1/orders/${bad.entity_id}`,
        originalPartition: -1,
        errorCode: 'MAPPING_UNMAPPABLE',
        stage: 'map',
        group: 'magento-ingest',
      });
      expect(letter!.value.errorMessage).toContain('grandTotal is not a decimal');
      expect(JSON.parse(Buffer.from(letter!.value.originalValue!).toString())).toMatchObject({
        entityId: bad.entity_id,
        incrementId: bad.increment_id,
      });
      expect(letter!.headers).toMatchObject({ 'x-error-code': 'MAPPING_UNMAPPABLE', 'x-error-stage': 'map' });
      expect(new Set(s.cdc.records.map((r) => r.key))).toEqual(
        new Set(placed.filter((o) => o !== placed[2]).map((o) => o.increment_id)),
      );
    } finally {
      await dlq.close();
    }
  });

  it('refuses forged signatures (Commerce in x-ingest-outcome, I/O Events 401) and produces nothing for them', async () => {
    stack = await ingestStack({ POLL_ENABLED: 'false' });
    const s = stack;
    const forger = rsaKeys();
    const order = { entity_id: 999001, increment_id: '999000001', updated_at: '2025-01-01 00:00:00' };
    const webhook = JSON.stringify({ subject: [], eventName: 'sales_order_save_after', data: { order } });
    const res1 = await fetch(`${s.url}${COMMERCE_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-adobe-commerce-webhook-signature': forger.commerce(webhook) },
      body: webhook,
    });
    // Commerce aborts the store action on any answer but 200 op success: the refusal is in a header.
    expect(res1.status).toBe(200);
    expect(await res1.json()).toEqual({ op: 'success' });
    expect(res1.headers.get('x-ingest-outcome')).toBe('unauthorized: invalid x-adobe-commerce-webhook-signature');
    const event = JSON.stringify({
      specversion: '1.0',
      id: 'forged-1',
      source: 'urn:uuid:x',
      type: 'com.adobe.commerce.observer.sales_order_save_after',
      data: { value: order },
    });
    const res2 = await fetch(`${s.url}${IO_EVENTS_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-adobe-digital-signature-1': forger.raw(event) },
      body: event,
    });
    expect(res2.status).toBe(401);
    // Barrier: a genuine order sent afterwards arrives; nothing for the forged one is there.
    s.sim.events.config.setSubscribers([{ url: `${s.url}${COMMERCE_WEBHOOK_PATH}`, mode: 'commerce-webhook' }]);
    const [genuine] = s.sim.placeOrders(1);
    await waitFor(() => s.cdc.records.some((r) => r.key === genuine!.increment_id), 20_000, 'the genuine order');
    expect(s.cdc.records.map((r) => r.key)).toEqual([genuine!.increment_id]);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toMatch(/pipeline_ingest_requests_total\{source="commerce-webhook",outcome="unauthorized"\} 1/);
    expect(metrics).toMatch(/pipeline_ingest_requests_total\{source="io-events",outcome="unauthorized"\} 1/);
  });

  it('answers 2xx only after Kafka acknowledged: the record is on the broker when the 200 arrives', async () => {
    stack = await ingestStack({ POLL_ENABLED: 'false' });
    const s = stack;
    s.sim.placeOrders(5); // no subscribers: nothing delivered yet
    const admin = createKafkaClient({
      clientId: 'it-offsets',
      brokers: testStack().brokers,
      logger: createLogger({ service: 'it', version: '0', level: 'silent' }),
    }).kafka.admin();
    await admin.connect();
    const total = async () =>
      (await admin.fetchTopicOffsets(s.ctx.topic(TOPIC.cdcMagentoOrder))).reduce((n, p) => n + Number(p.high), 0);
    try {
      for (const o of s.sim.state.orders.values()) {
        const before = await total();
        const body = JSON.stringify({
          event: 'sales_order_save_after',
          id: `direct-${o.entity_id}`,
          entity: 'order',
          data: { entity_id: o.entity_id, increment_id: o.increment_id },
        });
        const res = await fetch(`${s.url}${GENERIC_WEBHOOK_PATH}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-webhook-signature': `sha256=${createHmac('sha256', HMAC_SECRET).update(body).digest('hex')}`,
          },
          body,
        });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ status: 'produced', incrementId: o.increment_id });
        expect(await total()).toBe(before + 1);
      }
      await waitFor(() => s.cdc.records.length === 5, 20_000, 'five records consumed');
      expect(s.cdc.records.map((r) => r.value.after?.incrementId).sort()).toEqual(
        [...s.sim.state.orders.values()].map((o) => o.increment_id).sort(),
      );
    } finally {
      await admin.disconnect();
    }
  });

  it('rebuilds its versions and poller checkpoint from the state topics after a restart', async () => {
    const first = await ingestStack({ POLL_INTERVAL_MS: '200' });
    stack = first;
    first.sim.events.config.setSubscribers([
      { url: `${first.url}${COMMERCE_WEBHOOK_PATH}`, mode: 'commerce-webhook', events: ['sales_order_save_after'] },
    ]);
    first.sim.placeOrders(6);
    await first.sim.idle();
    await waitFor(() => first.cdc.records.length === 6, 20_000, 'six records');
    const delivered = first.sim.events.dispatcher.entries({ outcome: 'delivered' });
    const saved = await first.app.poller!.pollOnce(); // a pass that has saved its checkpoint
    const newest = [...first.sim.state.orders.values()]
      .map((o) => o.updated_at)
      .sort()
      .at(-1)!;
    expect(saved.cursor).toBe(newest);
    await first.ctx.stop();
    await first.cdc.close();

    const second = await ingestStack(
      { POLL_INTERVAL_MS: '200', POLL_START_AT: '2000-01-01 00:00:00' },
      {},
      { ns: first.ns, sim: { sim: first.sim, url: first.simUrl } },
    );
    stack = {
      ...second,
      close: async () => {
        await second.close();
        await first.sim.close();
      },
    };
    // Every earlier delivery again: recognised from the rebuilt state, acknowledged, not produced.
    for (const entry of delivered) {
      const res = await fetch(`${second.url}${COMMERCE_WEBHOOK_PATH}`, {
        method: 'POST',
        headers: entry.headers,
        body: entry.body,
      });
      expect(await res.json()).toEqual({ op: 'success' });
      expect(res.status).toBe(200);
    }
    // The restarted poller resumes at its checkpoint (not at POLL_START_AT = 2000) and finds nothing new.
    expect((await second.app.poller!.pollOnce()).cursor).toBe(newest);
    expect(await second.settle()).toMatchObject({ cursor: newest, produced: 0 });
    expect(second.cdc.records).toHaveLength(6);
    const metrics = await (await fetch(`${second.url}/metrics`)).text();
    expect(metrics).toMatch(/pipeline_ingest_requests_total\{source="commerce-webhook",outcome="duplicate"\} 6/);
    expect(metrics).not.toMatch(/outcome="produced"/);
  });
});
