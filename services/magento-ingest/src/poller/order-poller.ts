// Catches what webhooks missed: every interval, searchCriteria updated_at ≥ (checkpoint − overlap), sorted
// by updated_at then entity_id ASC, read by keyset pages; each order goes through the same de-duplication as the
// endpoints, so only changes not yet ingested are produced. An order that cannot be mapped is dead-lettered
// (magento-ingest.dlq) and the pass goes on. The checkpoint (the newest updated_at seen) is
// saved to state.magento-ingest.poller.v1 after a fully successful pass; a failed pass is repeated.
import { classify, createPollLoop, type Logger, type Metrics, type Schedule } from '@m3mage/runtime';
import type { ChangedQuery, OrdersClient } from '../clients/magento-orders.client';
import type { OrderIngest } from '../ingest/order-ingest';
import { mapOrder } from '../mappings/order.mapping';
import { newReport } from '../mappings/values';
import type { Order as MagentoOrder } from '@m3mage/schemas/types';
import type { CheckpointStore } from '../state/stores';

export const POLLER_NAME = 'magento-orders';

export interface OrderPollerOptions {
  orders: Pick<OrdersClient, 'changedPage'>;
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
  schedule?: Schedule;
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

export function createOrderPoller(o: OrderPollerOptions): OrderPoller {
  const log = o.logger.child({ component: 'poller', poller: POLLER_NAME });
  let firstCursor: string | undefined;

  async function pollOnce(): Promise<PassReport> {
    const passStarted = o.now();
    const saved = o.checkpoints.get(POLLER_NAME);
    // Without a checkpoint: the start of the first pass, kept until a pass saves one (a failed first pass
    // must not move the start past orders changed meanwhile).
    firstCursor ??= o.startAt ?? magentoTime(passStarted);
    const cursor = saved?.cursor ?? firstCursor;
    const since = magentoTime(epoch(cursor) - o.overlapMs);
    const report: PassReport = { cursor, seen: 0, produced: 0, duplicates: 0, failed: 0, deadLettered: 0 };
    let newest = cursor;
    let lastEntityId = saved?.lastEntityId ?? null;
    // Keyset read by (updated_at, entity_id), always page 1: `updated_at ≥ since`, then the rest of the last
    // second read (`= t and entity_id > id`), then later seconds (`> t`). The cursor moves by value, so an
    // order changed during the pass (it moves to a later second and is met again there) cannot shift another
    // one onto a page already read, as page numbers would. Orders met twice in a pass are skipped by key.
    const met = new Set<string>();
    const handle = async (raw: unknown): Promise<void> => {
      const r = raw as { entity_id?: unknown; updated_at?: unknown };
      const metKey = `${String(r.entity_id)}@${String(r.updated_at)}`;
      if (met.has(metKey)) return;
      met.add(metKey);
      report.seen += 1;
      let order: MagentoOrder;
      const mapping = newReport();
      try {
        order = mapOrder(raw, mapping);
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
        // A re-read of a version already dead-lettered is a duplicate, not one more unmappable document.
        if (result.outcome === 'dead-lettered') {
          report.deadLettered += 1;
          o.metrics.ingestRequestsTotal.inc({ source: 'poller', outcome: 'unmappable' });
          o.metrics.dlqTotal.inc({ service: 'magento-ingest', topic: 'magento-rest:/V1/orders', code: err.code });
        } else {
          report.duplicates += 1;
          o.metrics.ingestRequestsTotal.inc({ source: 'poller', outcome: result.outcome });
        }
        // Handled (in the DLQ): the checkpoint may pass it; a fix in Magento gives it a newer updated_at.
        const updatedAt = typeof r.updated_at === 'string' ? r.updated_at.replace('T', ' ').slice(0, 19) : '';
        if (updatedAt > newest) newest = updatedAt;
        return;
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
          mapping.masked,
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
    };
    const keyOf = (raw: unknown): { updatedAt: string; entityId: number } => {
      const r = raw as { updated_at?: unknown; entity_id?: unknown };
      return { updatedAt: String(r.updated_at), entityId: Number(r.entity_id) };
    };
    let query: ChangedQuery = { kind: 'from', updatedAt: since };
    for (;;) {
      const list = await o.orders.changedPage(query, o.pageSize);
      for (const raw of list.items) await handle(raw);
      const full = list.items.length >= o.pageSize;
      const last = list.items.length > 0 ? keyOf(list.items.at(-1)) : undefined;
      if (full && last) query = { kind: 'same-second', updatedAt: last.updatedAt, afterEntityId: last.entityId };
      else if (query.kind === 'same-second') query = { kind: 'later', updatedAt: query.updatedAt };
      else break;
    }
    if (!saved || newest !== saved.cursor) {
      await o.checkpoints.set(POLLER_NAME, { cursor: newest, lastEntityId }, o.now());
    }
    report.cursor = newest;
    if (report.produced > 0 || report.failed > 0) log.info(report, 'poll pass');
    return report;
  }

  const loop = createPollLoop({
    pass: pollOnce,
    intervalMs: o.intervalMs,
    onError: (e) => {
      log.warn({ err: classify(e) }, 'poll pass failed; retried next interval');
    },
    ...(o.schedule ? { schedule: o.schedule } : {}),
  });
  return { pollOnce, start: () => loop.start(), stop: () => loop.stop() };
}
