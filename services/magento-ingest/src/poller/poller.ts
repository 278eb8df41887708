// Catches what webhooks missed, one poller per entity of the registry that is polled: every interval,
// searchCriteria updated_at ≥ (checkpoint − overlap), sorted by updated_at then id ASC, read by keyset pages;
// each record goes through the same de-duplication as the endpoints, so only changes not yet ingested are
// produced. A record that cannot be mapped is dead-lettered (magento-ingest.dlq) and the pass goes on. The
// checkpoint (the newest updated_at seen) is saved to state.magento-ingest.poller.v1 under the entity's poller
// name after a fully successful pass; a failed pass is repeated. A poll cannot see deletes.
import { classify, createPollLoop, type Logger, type Metrics, type Schedule } from '@m3mage/runtime';
import type { ChangedQuery } from '../clients/keyset';
import type { Entity } from '../entities/entity';
import type { Delivery } from '../ingest/delivery';
import type { Ingest } from '../ingest/ingest';
import { magentoTime, newReport } from '../mappings/values';
import type { CheckpointStore } from '../state/stores';

export { magentoTime } from '../mappings/values';

export interface PollerOptions {
  entity: Entity;
  ingest: Ingest;
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
  /** Records that cannot be mapped, dead-lettered in this pass (already dead-lettered ones are not counted). */
  deadLettered: number;
}

export interface Poller {
  /** The entity polled and its checkpoint key. */
  readonly name: string;
  /** One pass over every page; resolves with what it did (throws only on a failed page read). */
  pollOnce(): Promise<PassReport>;
  start(): void;
  stop(): Promise<void>;
}

const epoch = (ts: string): number => Date.parse(`${ts.replace(' ', 'T')}Z`);

export function createPoller(o: PollerOptions): Poller {
  const { entity } = o;
  const name = entity.poll.name;
  const log = o.logger.child({ component: 'poller', poller: name });
  let firstCursor: string | undefined;

  async function pollOnce(): Promise<PassReport> {
    const passStarted = o.now();
    const saved = o.checkpoints.get(name);
    // Without a checkpoint: the start of the first pass, kept until a pass saves one (a failed first pass
    // must not move the start past records changed meanwhile).
    firstCursor ??= o.startAt ?? magentoTime(passStarted);
    const cursor = saved?.cursor ?? firstCursor;
    const since = magentoTime(epoch(cursor) - o.overlapMs);
    const report: PassReport = { cursor, seen: 0, produced: 0, duplicates: 0, failed: 0, deadLettered: 0 };
    let newest = cursor;
    let lastEntityId = saved?.lastEntityId ?? null;
    const delivery = (id: number, occurredAt: number, ref: Delivery['ref']): Delivery => ({
      entity,
      kind: 'change',
      source: 'poller',
      eventName: 'poll',
      eventId: `poll:${name}:${passStarted}:${id}`,
      occurredAt,
      receivedAt: o.now(),
      ref,
    });
    // Keyset read by (updated_at, id), always page 1: `updated_at ≥ since`, then the rest of the last second
    // read (`= t and id > last`), then later seconds (`> t`). The cursor moves by value, so a record changed
    // during the pass (it moves to a later second and is met again there) cannot shift another one onto a page
    // already read, as page numbers would. Records met twice in a pass are skipped by key.
    const met = new Set<string>();
    const handle = async (raw: unknown): Promise<void> => {
      const row = entity.poll.row(raw);
      const metKey = `${row.id}@${row.updatedAt}`;
      if (met.has(metKey)) return;
      met.add(metKey);
      report.seen += 1;
      let record: object;
      const mapping = newReport();
      try {
        record = entity.map(raw, mapping);
      } catch (e) {
        const err = classify(e);
        if (err.code !== 'MAPPING_UNMAPPABLE') throw err;
        // Skipped for good, but never silently: dead-lettered once per version, with the reason.
        const result = await o.ingest.unmappable(delivery(row.id, epoch(row.updatedAt) || passStarted, {}), raw, err);
        // A re-read of a version already dead-lettered is a duplicate, not one more unmappable document.
        if (result.outcome === 'dead-lettered') {
          report.deadLettered += 1;
          o.metrics.ingestRequestsTotal.inc({ source: 'poller', outcome: 'unmappable' });
          o.metrics.dlqTotal.inc({
            service: 'magento-ingest',
            topic: `magento-rest:${entity.restPath}`,
            code: err.code,
          });
        } else {
          report.duplicates += 1;
          o.metrics.ingestRequestsTotal.inc({ source: 'poller', outcome: result.outcome });
        }
        // Handled (in the DLQ): the checkpoint may pass it; a fix in Magento gives it a newer updated_at.
        const updatedAt = row.updatedAt.replace('T', ' ').slice(0, 19);
        if (updatedAt > newest) newest = updatedAt;
        return;
      }
      const key = entity.key(record);
      const updatedAt = entity.version(record);
      try {
        const result = await o.ingest.ingestRecord(
          delivery(row.id, epoch(updatedAt), { id: row.id, key, updatedAt }),
          record,
          mapping.masked,
        );
        o.metrics.ingestRequestsTotal.inc({ source: 'poller', outcome: result.outcome });
        if (result.outcome === 'produced') report.produced += 1;
        else report.duplicates += 1;
        if (updatedAt >= newest) {
          newest = updatedAt;
          lastEntityId = String(row.id);
        }
      } catch (e) {
        // Kafka or Magento unavailable: the pass ends without moving the checkpoint; the next one retries.
        report.failed += 1;
        o.metrics.ingestRequestsTotal.inc({ source: 'poller', outcome: 'unavailable' });
        throw classify(e);
      }
    };
    let query: ChangedQuery = { kind: 'from', updatedAt: since };
    for (;;) {
      const list = await entity.poll.page(query, o.pageSize);
      for (const raw of list.items) await handle(raw);
      const full = list.items.length >= o.pageSize;
      const last = list.items.length > 0 ? entity.poll.row(list.items.at(-1)) : undefined;
      if (full && last) query = { kind: 'same-second', updatedAt: last.updatedAt, afterEntityId: last.id };
      else if (query.kind === 'same-second') query = { kind: 'later', updatedAt: query.updatedAt };
      else break;
    }
    if (!saved || newest !== saved.cursor) {
      await o.checkpoints.set(name, { cursor: newest, lastEntityId }, o.now());
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
  return { name, pollOnce, start: () => loop.start(), stop: () => loop.stop() };
}
