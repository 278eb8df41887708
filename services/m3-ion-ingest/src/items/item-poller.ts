// The MI delta poll for installations without item BODs: every interval, MMS200MI LstItmByChgDate from the
// checkpoint's date (FLMD, minus the overlap), all records (maxrecs 0: the transaction has no keyset, so the
// days are read whole), oldest change date first. LstItmByChgDate returns the change date LMDT but no
// sub-day stamp (M3H5: no LMTS among its outputs), so an item's version is the time it was first seen with
// its content, kept inside its LMDT day (observedStamp): later content always gets a later stamp, and a
// re-read of unchanged content (same content hash as the version applied, key `item:<ITNO>`) costs no
// further call. A new content gets its price and is produced to cdc.m3.item.v1. An item record that cannot be
// read (no change stamp, a field that is not a number) is dead-lettered to m3-ion-ingest.dlq once per
// version and the pass goes on. The checkpoint (the start of the last finished pass) is saved to state.m3-ion-ingest.poller.v1
// after a pass that finished; a failed pass (M3 or Kafka unavailable) moves nothing and is repeated.
import {
  contentHash,
  type CheckpointStore,
  type Logger,
  type Metrics,
  type OutgoingRecord,
  type Schedule,
} from '@m3mage/runtime';
import type { MiClient, MiRecord } from '@m3mage/connectors/m3';
import type { Item } from '@m3mage/schemas/types';
import { miPoller } from '../state/mi-poller';
import type { PolledChanges } from '../state/polled-changes';
import type { VariationGuard } from '../state/variation-guard';
import { fromLmdt, m3Date, type ChangeStamp } from './change-stamp';
import { polledItemRecord } from './item-change';
import { itemOf, UnmappableItem } from './item-record';
import type { ItemEnricher } from './item-change';

export const ITEM_POLLER = 'm3-items';
const SOURCE = 'm3-item-poll';

export interface ItemPollerOptions {
  mi: Pick<MiClient, 'execute'>;
  /** Price and group names (item-change.ts). */
  enrich: ItemEnricher;
  guard: VariationGuard;
  checkpoints: CheckpointStore;
  /** Resolves when Kafka acknowledged. */
  produce: (record: OutgoingRecord) => Promise<unknown>;
  /** Dead-letters an unreadable record once (state/polled-changes.ts). */
  changes: Pick<PolledChanges, 'unreadable'>;
  metrics: Pick<Metrics, 'ingestRequestsTotal' | 'dlqTotal'>;
  logger: Logger;
  now: () => number;
  intervalMs: number;
  /** Re-read this much before the checkpoint (clock skew between M3 and the stamp). */
  overlapMs: number;
  /** Items enriched and produced at once. */
  concurrency: number;
  /** Epoch ms of the very first pass's cursor; default: the time of that pass (no backfill). */
  startAt?: number;
  schedule?: Schedule;
}

export interface ItemPassReport {
  cursor: string;
  read: number;
  produced: number;
  skipped: number;
  deadLettered: number;
}

export interface ItemPoller {
  pollOnce(): Promise<ItemPassReport>;
  start(): void;
  stop(): Promise<void>;
}

export const itemKey = (itno: string): string => `item:${itno}`;
const DAY_MS = 86_400_000;

/**
 * The version of content seen at `seenAt` for an item changed on `lmdt`: the moment it was seen, kept inside
 * the change day (a change of an earlier day read late stays on its day; the clock of M3 and ours may differ).
 */
export function observedStamp(lmdt: string | undefined, seenAt: number): ChangeStamp | undefined {
  const day = fromLmdt(lmdt);
  if (!day) return undefined;
  const at = Math.min(Math.max(seenAt, day.at), day.at + DAY_MS - 1);
  return { at, stamp: String(at) };
}

/** What decides "changed" for a polled item: its fields, without the stamp and the price (read afterwards). */
export const itemContent = (item: Item): string => {
  const { changedAt: _a, changeStamp: _s, price: _p, itemGroupName: _i, productGroupName: _g, ...fields } = item;
  return contentHash(fields);
};

export function createItemPoller(o: ItemPollerOptions): ItemPoller {
  const log = o.logger.child({ component: 'item-poller', poller: ITEM_POLLER });
  const count = (outcome: string) => o.metrics.ingestRequestsTotal.inc({ source: SOURCE, outcome });
  let firstCursor: number | undefined;

  /** One record: 'produced', 'skipped' (applied already) or 'dead-lettered'. */
  async function handle(rec: MiRecord, seenAt: number): Promise<'produced' | 'skipped' | 'dead-lettered'> {
    const stamp = observedStamp(rec.LMDT, seenAt);
    const itno = rec.ITNO?.trim() ?? '';
    let item;
    try {
      item = itemOf(rec, stamp);
    } catch (e) {
      if (!(e instanceof UnmappableItem)) throw e;
      const key = itno || '(no ITNO)';
      return o.changes.unreadable(itemKey(key), rec, 'MMS200MI/LstItmByChgDate', e.message, key);
    }
    const hash = itemContent(item);
    const known = o.guard.known(itemKey(itno));
    if (known && (known.hash === hash || known.value > BigInt(item.changeStamp))) return 'skipped';
    const priced = await o.enrich(item);
    const admitted = await o.guard.admit(
      itemKey(itno),
      { value: BigInt(item.changeStamp), hash },
      { eventId: `mi:${ITEM_POLLER}:${itno}:${item.changeStamp}`, correlationId: itno },
      () => o.produce(polledItemRecord({ item: priced, poller: ITEM_POLLER, receivedAt: o.now() })),
    );
    return admitted.verdict === 'new' || admitted.verdict === 'changed' ? 'produced' : 'skipped';
  }

  async function pollOnce(): Promise<ItemPassReport> {
    const saved = o.checkpoints.get(ITEM_POLLER);
    firstCursor ??= o.startAt ?? o.now();
    const cursor = saved ? Number(saved.cursor) : firstCursor;
    const since = cursor - o.overlapMs;
    const records = await o.mi.execute('MMS200MI', 'LstItmByChgDate', { FLMD: m3Date(since) }, { maxrecs: 0 });
    const seenAt = o.now();
    const dated = records
      .map((rec) => ({ rec, at: fromLmdt(rec.LMDT)?.at ?? Number.NaN }))
      .sort((a, b) => (a.at || 0) - (b.at || 0) || (a.rec.ITNO ?? '').localeCompare(b.rec.ITNO ?? ''));
    const report: ItemPassReport = {
      cursor: String(cursor),
      read: records.length,
      produced: 0,
      skipped: 0,
      deadLettered: 0,
    };
    let newest = cursor;
    for (let i = 0; i < dated.length; i += o.concurrency) {
      const chunk = dated.slice(i, i + o.concurrency);
      const outcomes = await Promise.all(chunk.map((r) => handle(r.rec, seenAt)));
      outcomes.forEach((outcome, j) => {
        count(outcome);
        if (outcome === 'produced') report.produced += 1;
        else if (outcome === 'dead-lettered') report.deadLettered += 1;
        else report.skipped += 1;
        const at = chunk[j]?.at ?? Number.NaN;
        if (!Number.isNaN(at) && at > newest) newest = at;
      });
    }
    // Everything changed before this pass began is read: the next one may start there (less the overlap).
    newest = Math.max(newest, seenAt);
    if (!saved || String(newest) !== saved.cursor)
      await o.checkpoints.set(ITEM_POLLER, { cursor: String(newest), lastEntityId: null }, o.now());
    report.cursor = String(newest);
    if (report.produced > 0 || report.deadLettered > 0) log.info(report, 'item poll pass');
    return report;
  }

  return miPoller({
    what: 'item',
    pass: pollOnce,
    intervalMs: o.intervalMs,
    count,
    logger: log,
    ...(o.schedule ? { schedule: o.schedule } : {}),
  });
}
