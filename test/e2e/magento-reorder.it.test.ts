// Magento events out of order, end to end: orders that change several times (held, released, invoiced),
// each change in a later second, with the webhooks of a change held back so later ones overtake them,
// duplicated and dropped, and the poller reading the newest state meanwhile. magento-ingest must never put an
// older version of an order on cdc.magento.order.v1 after a newer one; M3 ends with one order and one payment.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeliveryLogEntry } from '@m3mage/simulators/magento';
import type { MagentoOrderChange } from '@m3mage/schemas/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../infra/sandbox/sandbox';
import { testStack, uniqueName } from '../support/env';
import { deliveryEvidence, expectCleanPhase, expectM3OrderOf, expectPostedOnce } from './checks';
import { m3OrdersByCuor, topicRecords, waitFor, e2eServiceEnv } from './support';

const ns = `${uniqueName('e2e-reorder')}.`;
const ORDERS = 20;

/** Delivered webhooks whose order was older than one already delivered for the same order (by arrival). */
function overtaken(log: DeliveryLogEntry[]): number {
  const arrived = log
    .filter((e) => e.outcome === 'delivered' && e.entity === 'order')
    .map((e) => ({
      id: e.entityId,
      at: e.attempts.at(-1)!.at,
      updatedAt: (JSON.parse(e.body) as { data: { order: { updated_at: string } } }).data.order.updated_at,
    }))
    .sort((a, b) => a.at - b.at);
  const newest = new Map<number | string, string>();
  let n = 0;
  for (const e of arrived) {
    if (e.updatedAt < (newest.get(e.id) ?? '')) n++;
    else newest.set(e.id, e.updatedAt);
  }
  return n;
}

describe('Magento events reordered, duplicated and dropped', () => {
  let sb: Sandbox;
  // Magento's clock, moved on a second before each round of changes so every round has its own updated_at
  // (one-second resolution) without waiting for the wall clock.
  let skewMs = 0;

  beforeAll(async () => {
    sb = await startSandbox({
      connection: testStack(),
      dir: mkdtempSync(join(tmpdir(), 'e2e-reorder-')),
      namespace: ns,
      servicePorts: 'free',
      logLevel: 'warn',
      magento: {
        now: () => Date.now() + skewMs,
        sizes: { customers: 20, products: 20, orders: 0, sources: 3 },
        // This test is about versions, not about the write hazard (order-to-cash covers that).
        orderWriteHoldMs: 0,
        delivery: { duplicateRate: 0.5, dropRate: 0.1, reorderRate: 0.5, reorderDelayMs: 1500, retryBackoffMs: 100 },
      },
      serviceEnv: e2eServiceEnv({
        'magento-ingest': { POLL_INTERVAL_MS: '500', POLL_OVERLAP_MS: '5000' },
      }),
    });
  }, 300_000);

  afterAll(async () => {
    await sb?.stop();
  });

  it('never produces an older version after a newer one; M3 gets one order and one payment each', async () => {
    const token = sb.magento.credentials.integration.accessToken;
    const write = async (url: string, payload: object): Promise<void> => {
      const res = await sb.magento.app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${token}` },
        payload,
      });
      expect(res.statusCode, `POST ${url}: ${res.body}`).toBe(200);
    };
    const orders = sb.magento.placeOrders(ORDERS);
    const rounds: Array<(entityId: number) => Promise<void>> = [
      (id) => write(`/rest/V1/orders/${id}/comments`, { statusHistory: { comment: 'fraud check', status: 'holded' } }),
      (id) => write(`/rest/V1/orders/${id}/comments`, { statusHistory: { comment: 'cleared', status: 'processing' } }),
      (id) => write(`/rest/V1/order/${id}/invoice`, { capture: true }),
    ];
    for (const round of rounds) {
      skewMs += 1000;
      await Promise.all(orders.map((o) => round(o.entity_id)));
    }
    const ids = orders.map((o) => o.increment_id);
    const paid = (id: string) =>
      [...sb.m3.state.glBatches.values()].some((b) => b.DESC.includes(id) && b.status === 'updated');
    await waitFor(
      `${ORDERS} orders confirmed and paid in M3`,
      () => ids.filter((id) => m3OrdersByCuor(sb).has(id) && paid(id)).length,
      (n) => n === ORDERS,
      180_000,
    );
    // The poller reads the newest state of every order: wait until it is on the topic, then for the drain.
    const newest = (id: string) => sb.magento.state.orderByIncrementId(id)!.updated_at;
    const { brokers, registryUrl } = testStack();
    const topic = `${ns}cdc.magento.order.v1`;
    await waitFor(
      'the newest version of every order on the topic',
      async () => {
        const latest = new Map<string, string>();
        for (const r of await topicRecords(brokers, registryUrl, topic))
          latest.set(r.key, (r.value as MagentoOrderChange).source.version);
        return ids.filter((id) => latest.get(id) !== newest(id));
      },
      (behind) => behind.length === 0,
      60_000,
    );
    await expectCleanPhase(sb, brokers, ns, 'the reordered changes');

    const log = sb.magento.events.dispatcher.entries();
    const evidence = { ...(await deliveryEvidence(sb)).magento, overtaken: overtaken(log) };
    console.info(
      `[e2e] Magento deliveries of ${ORDERS} orders × ${rounds.length + 1} versions: ${JSON.stringify(evidence)}`,
    );
    expect(evidence.duplicates, 'webhooks sent twice').toBeGreaterThan(0);
    expect(evidence.dropped, 'webhooks dropped').toBeGreaterThan(0);
    expect(evidence.delayed, 'webhooks held back').toBeGreaterThan(0);
    expect(evidence.overtaken, 'webhooks that arrived after a newer version of their order').toBeGreaterThan(0);

    // Read in order: per order, versions only move forward (equal only within one second, README "Limits").
    const versions = new Map<string, string[]>();
    for (const r of await topicRecords(brokers, registryUrl, topic)) {
      const list = versions.get(r.key) ?? [];
      list.push((r.value as MagentoOrderChange).source.version);
      versions.set(r.key, list);
    }
    const backwards = [...versions].filter(([, v]) => v.some((x, i) => i > 0 && x < v[i - 1]!));
    expect(
      backwards.map(([id, v]) => `${id}: ${v.join(' → ')}`),
      'orders with an older version produced after a newer one',
    ).toEqual([]);
    for (const id of ids) {
      const list = versions.get(id) ?? [];
      expect(list.at(-1), `last version of ${id}`).toBe(newest(id));
    }
    for (const o of orders) {
      expectM3OrderOf(sb, sb.magento.state.orderByIncrementId(o.increment_id)!);
      expectPostedOnce(sb, o.increment_id);
    }
  }, 300_000);
});
