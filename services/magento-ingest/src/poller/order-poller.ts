// Catches what webhooks missed: every interval, searchCriteria updated_at ≥ (checkpoint − overlap), sorted
// by updated_at then entity_id ASC, read by keyset pages; each order goes through the same de-duplication as the
// endpoints, so only changes not yet ingested are produced. An order that cannot be mapped is dead-lettered
// (magento-ingest.dlq) and the pass goes on. The checkpoint (the newest updated_at seen) is
// saved to state.magento-ingest.poller.v1 after a fully successful pass; a failed pass is repeated.
import { classify, type Logger, type Metrics } from '@m3mage/runtime';
import type { OrdersClient } from '../clients/magento-orders.client';
import type { OrderIngest } from '../ingest/order-ingest';
import { mapOrder } from '../mappings/order.mapping';
import type { Order as MagentoOrder } from '@m3mage/schemas/types';
import type { CheckpointStore } from '../state/stores';

export const POLLER_NAME = 'magento-orders';

export interface OrderPollerOptions {
  orders: Pick<OrdersClient, 'changedSince'>;
  ingest: OrderIngest;
  checkpoints: CheckpointStore;
  metrics: Metrics;
  logger: Logger;
  now: () => number;
  intervalMs: number;
  pageSize: number;
  overlapMs: number;
  /** Cursor of the very first pass; default: the time of that pass (no backfill). */
  startAt?: string;
  /** Timer; tests inject their own. */
  schedule?: (fn: () => void, ms: number) => { cancel(): void };
}

export interface PassReport {
  cursor: string;
  seen: number;
  produced: number;
  duplicates: number;
  failed: number;
  /** Orders that cannot be mapped, dead-lettered in this pass (already dead-lettered ones are not counted). */
  deadLettered: number;
}

export interface OrderPoller {
  /** One pass over every page; resolves with what it did (throws only on a failed page read). */
  pollOnce(): Promise<PassReport>;
  start(): void;
  stop(): Promise<void>;
}

/** Magento's `YYYY-MM-DD HH:MM:SS` (UTC) of an epoch-ms instant. */
export const magentoTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
const epoch = (ts: string): number => Date.parse(`${ts.replace(' ', 'T')}Z`);

const defaultSchedule = (fn: () => void, ms: number) => {
  const t = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(t) };
};

export function createOrderPoller(o: OrderPollerOptions): OrderPoller {
  const log = o.logger.child({ component: 'poller', poller: POLLER_NAME });
  const schedule = o.schedule ?? defaultSchedule;
  let timer: { cancel(): void } | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  async function pollOnce(): Promise<PassReport> {
    const passStarted = o.now();
    const saved = o.checkpoints.get(POLLER_NAME);
    const cursor = saved?.cursor ?? o.startAt ?? magentoTime(passStarted);
    const since = magentoTime(epoch(cursor) - o.overlapMs);
    const report: PassReport = { cursor, seen: 0, produced: 0, duplicates: 0, failed: 0, deadLettered: 0 };
    let newest = cursor;
    let lastEntityId = saved?.lastEntityId ?? null;
    // Keyset paging: always the first page of `updated_at ≥ from`, then `from` moves to the last updated_at
    // read. An order changed during the pass moves to the end and is met again; none can slip onto a page
    // already read (page numbers would let that happen). Orders met twice in a pass are skipped by key.
    const met = new Set<string>();
    let from = since;
    let page = 1;
    for (;;) {
      const list = await o.orders.changedSince(from, page, o.pageSize);
      for (const raw of list.items) {
        const r = raw as { entity_id?: unknown; updated_at?: unknown };
        const metKey = `${String(r.entity_id)}@${String(r.updated_at)}`;
        if (met.has(metKey)) continue;
        met.add(metKey);
        report.seen += 1;
        let order: MagentoOrder;
        try {
          order = mapOrder(raw);
        } catch (e) {
          const err = classify(e);
          if (err.code !== 'MAPPING_UNMAPPABLE') throw err;
          // Skipped for good, but never silently: dead-lettered once per version, with the reason.
          const result = await o.ingest.unmappable(
            {
              source: 'poller',
              eventName: 'poll',
              eventId: `poll:${POLLER_NAME}:${passStarted}:${String(r.entity_id)}`,
              occurredAt: epoch(String(r.updated_at)) || passStarted,
              receivedAt: o.now(),
              ref: {},
            },
            raw,
            err,
          );
          o.metrics.ingestRequestsTotal.inc({ source: 'poller', outcome: 'unmappable' });
          report.failed += 1;
          if (result.outcome === 'dead-lettered') {
            report.deadLettered += 1;
            o.metrics.dlqTotal.inc({ service: 'magento-ingest', topic: 'magento-rest:/V1/orders', code: err.code });
          }
          continue;
        }
        try {
          const result = await o.ingest.ingestOrder(
            {
              source: 'poller',
              eventName: 'poll',
              eventId: `poll:${POLLER_NAME}:${passStarted}:${order.entityId}`,
              occurredAt: epoch(order.updatedAt),
              receivedAt: o.now(),
              ref: { entityId: order.entityId, incrementId: order.incrementId, updatedAt: order.updatedAt },
            },
            order,
          );
          o.metrics.ingestRequestsTotal.inc({ source: 'poller', outcome: result.outcome });
          if (result.outcome === 'produced') report.produced += 1;
          else report.duplicates += 1;
          if (order.updatedAt >= newest) {
            newest = order.updatedAt;
            lastEntityId = String(order.entityId);
          }
        } catch (e) {
          // Kafka or Magento unavailable: the pass ends without moving the checkpoint; the next one retries.
          report.failed += 1;
          o.metrics.ingestRequestsTotal.inc({ source: 'poller', outcome: 'unavailable' });
          throw classify(e);
        }
      }
      // A short page is the end (Magento answers a page past the end with the last page again, so an empty
      // page never comes). A full page moves `from` to its last updated_at; only when a whole page shares
      // one second does the next page of that same second follow.
      if (list.items.length < o.pageSize || page * o.pageSize >= list.total_count) break;
      const last = String((list.items.at(-1) as { updated_at?: unknown }).updated_at);
      if (last === from) page += 1;
      else {
        from = last;
        page = 1;
      }
    }
    if (!saved || newest !== saved.cursor) {
      await o.checkpoints.set(POLLER_NAME, { cursor: newest, lastEntityId }, o.now());
    }
    report.cursor = newest;
    if (report.produced > 0 || report.failed > 0) log.info(report, 'poll pass');
    return report;
  }

  function loop(): void {
    if (stopped) return;
    timer = schedule(() => {
      running = pollOnce()
        .catch((e: unknown) => log.warn({ err: classify(e) }, 'poll pass failed; retried next interval'))
        .finally(() => {
          running = undefined;
          loop();
        });
    }, o.intervalMs);
  }

  return {
    pollOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      loop();
    },
    async stop() {
      stopped = true;
      timer?.cancel();
      await running;
    },
  };
}
