// Catches what webhooks missed: every interval, searchCriteria updated_at ≥ (checkpoint − overlap), sorted
// by updated_at then entity_id ASC, paged; each order goes through the same de-duplication as the
// endpoints, so only changes not yet ingested are produced. The checkpoint (the newest updated_at seen) is
// saved to state.magento-ingest.poller.v1 after a fully successful pass; a failed pass is repeated.
import { classify, type Logger, type Metrics } from '@m3mage/runtime';
import type { OrdersClient } from '../clients/magento-orders.client';
import type { OrderIngest } from '../ingest/order-ingest';
import { mapOrder } from '../mappings/order.mapping';
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
    const report: PassReport = { cursor, seen: 0, produced: 0, duplicates: 0, failed: 0 };
    let newest = cursor;
    let lastEntityId = saved?.lastEntityId ?? null;
    for (let page = 1; ; page += 1) {
      const list = await o.orders.changedSince(since, page, o.pageSize);
      for (const raw of list.items) {
        report.seen += 1;
        try {
          const order = mapOrder(raw);
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
          const err = classify(e);
          report.failed += 1;
          o.metrics.ingestRequestsTotal.inc({
            source: 'poller',
            outcome: err.code === 'MAPPING_UNMAPPABLE' ? 'unmappable' : 'unavailable',
          });
          // An unmappable order is skipped for good (logged with its reason); anything else ends the pass
          // without moving the checkpoint, so the next pass retries it.
          if (err.code !== 'MAPPING_UNMAPPABLE') throw err;
          log.error({ err, entityId: (raw as { entity_id?: unknown }).entity_id }, 'order cannot be mapped; skipped');
        }
      }
      // Magento answers a page past the end with the last page again: stop by the total, not by an empty page.
      if (list.items.length < o.pageSize || page * o.pageSize >= list.total_count) break;
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
