// An order the poller dead-lettered is read again by later passes while it is within the overlap: each re-read
// is a duplicate, not one more unmappable document in pipeline_ingest_requests_total (the input of the
// PipelineUnmappableDocuments alert).
import { type DeadLetter, type OutgoingRecord } from '@m3mage/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIngest } from '../src/ingest/ingest';
import type { ChangedQuery } from '../src/clients/magento-orders.client';
import { orderEntity } from '../src/entities/order.entity';
import { createPoller, magentoTime } from '../src/poller/poller';
import { memoryCheckpointStore, memoryVersions } from '../src/state/stores';
import { T0 } from './support/harness';
import { liveSimulator } from './support/live-sim';

let live: Awaited<ReturnType<typeof liveSimulator>>;
beforeEach(async () => {
  live = await liveSimulator();
});
afterEach(async () => live.close());

const unmappableCount = async (): Promise<number> =>
  (await live.metrics.ingestRequestsTotal.get()).values.find(
    (v) => v.labels.source === 'poller' && v.labels.outcome === 'unmappable',
  )?.value ?? 0;

describe('order poller and an order it cannot map', () => {
  it('counts the order as unmappable once, not once more on every pass that re-reads it', async () => {
    live.sim.placeOrders(1);
    const deadLetters: OutgoingRecord<DeadLetter>[] = [];
    const ingest = createIngest({
      versions: memoryVersions(),
      produce: async () => undefined,
      deadLetter: async (r) => void deadLetters.push(r),
      now: live.now,
      logger: live.logger,
      metrics: live.metrics,
    });
    const orders = {
      changedPage: async (query: ChangedQuery, size: number) => {
        const list = await live.oauth.changedPage(query, size);
        return { ...list, items: list.items.map((i) => ({ ...(i as object), grand_total: 'twelve' })) };
      },
    };
    const p = createPoller({
      entity: orderEntity({ ...live.oauth, ...orders }),
      ingest,
      checkpoints: memoryCheckpointStore(),
      metrics: live.metrics,
      logger: live.logger,
      now: live.now,
      intervalMs: 1000,
      pageSize: 10,
      overlapMs: 60_000,
      startAt: magentoTime(T0),
    });

    expect(await p.pollOnce()).toMatchObject({ seen: 1, deadLettered: 1 });
    expect(await unmappableCount()).toBe(1);
    for (let pass = 0; pass < 3; pass += 1) {
      live.advance(10_000);
      expect(await p.pollOnce()).toMatchObject({ seen: 1, deadLettered: 0 });
    }
    expect(deadLetters).toHaveLength(1);
    // one document could not be mapped, and it was dead-lettered once
    expect(await unmappableCount()).toBe(1);
  });
});
