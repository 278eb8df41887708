// The price-list change poll (ITEM_PRICE_SOURCE=OIS017MI, ITEM_PRICE_POLL_ENABLED): a change in an OIS017
// price list touches no item (MITMAS is not changed, standard M3 publishes no BOD for it — MASTER-DATA-NOTES
// §1, §2), so neither the item BOD nor the item poll ever sees it. Every interval this poll reads the list
// valid today (OIS017MI LstPriceList, FVDT ≤ today < LVDT, nearest first) whole (LstBasePrice, maxrecs 0,
// the snapshot transaction) and compares each item's base price with the last one seen (key `price:<ITNO>`
// in the variation table, content hash). An item whose list price changed, that was added to the list, or
// that left it (the price then falls back as the price source says) is read again as a whole —
// GetItmBasic, its price through the price source, its group names — and produced to cdc.m3.item.v1 like
// any item change, so the product path (ownership, newest wins, only differing attributes written) is the
// one and only way a price reaches Magento.
// Version of such a change: the time it was seen, kept inside the item's LMDT day (the item poll's rule),
// and always above the last version produced for the item (key `item:<ITNO>`): the re-read holds the
// item's current fields, so it is the newest state M3 has.
// The first pass of a new installation (no checkpoint) takes the prices it reads as applied (the products
// were priced when their items were read; an initial load is a backfill), so a start does not re-read
// every item of the list. A list valid today that does not exist is logged once per pass and nothing is
// changed. An item M3 no longer has (GetItmBasic not found) is skipped; one that cannot be read is
// dead-lettered once.
import {
  contentHash,
  isAppError,
  type CheckpointStore,
  type Logger,
  type Metrics,
  type OutgoingRecord,
  type Schedule,
} from '@m3mage/runtime';
import { isZero, normalizeText, parseDecimal } from '@m3mage/runtime/mapping';
import type { MiClient, MiRecord } from '@m3mage/connectors/m3';
import { miPoller, type Poller } from '../state/mi-poller';
import type { PolledChanges } from '../state/polled-changes';
import type { VariationGuard } from '../state/variation-guard';
import { m3Date } from './change-stamp';
import { polledItemRecord, type ItemEnricher } from './item-change';
import { itemContent, itemKey, observedStamp } from './item-poller';
import { itemOf, UnmappableItem } from './item-record';
import { validList } from './price-source';

export const PRICE_POLLER = 'm3-prices';
const SOURCE = 'm3-price-poll';

export interface PricePollerOptions {
  mi: Pick<MiClient, 'execute'>;
  /** PRRF and CUCD of the web price list. */
  priceList: string;
  currency: string;
  /** Price and group names (item-change.ts). */
  enrich: ItemEnricher;
  guard: VariationGuard;
  /** Keys of the variation table (to find the items that left the list, also after a restart). */
  knownKeys: () => Iterable<string>;
  checkpoints: CheckpointStore;
  /** Resolves when Kafka acknowledged. */
  produce: (record: OutgoingRecord) => Promise<unknown>;
  changes: Pick<PolledChanges, 'unreadable'>;
  metrics: Pick<Metrics, 'ingestRequestsTotal' | 'dlqTotal'>;
  logger: Logger;
  now: () => number;
  intervalMs: number;
  /** Items read again and produced at once. */
  concurrency: number;
  schedule?: Schedule;
}

export interface PricePassReport {
  /** PRRF/CUCD/FVDT of the list read; null when none is valid today. */
  list: string | null;
  read: number;
  changed: number;
  unlisted: number;
  produced: number;
  skipped: number;
  deadLettered: number;
  seeded: boolean;
}

const priceKey = (itno: string): string => `price:${itno}`;
/** What the price poll remembers of an item: its list price (normalised) or that it is not on the list. */
const listed = (amount: string | null): string => contentHash({ amount });
const UNLISTED = contentHash({ unlisted: true });

function amountOf(sapr: string | undefined): string | null {
  const t = sapr?.trim() ?? '';
  if (t === '') return null;
  try {
    return isZero(parseDecimal(t)) ? null : normalizeText(t);
  } catch {
    return null;
  }
}

const notFound = (e: unknown): boolean => isAppError(e) && e.details?.['m3Category'] === 'not-found';

export function createPricePoller(o: PricePollerOptions): Poller<PricePassReport> {
  const log = o.logger.child({ component: 'price-poller', poller: PRICE_POLLER });
  const count = (outcome: string, n = 1) => o.metrics.ingestRequestsTotal.inc({ source: SOURCE, outcome }, n);

  /** Remembers what the list says of `itno` now (hash), at a version above the last. */
  async function remember(itno: string, hash: string, seenAt: number): Promise<void> {
    const key = priceKey(itno);
    const known = o.guard.known(key);
    const value = BigInt(Math.max(seenAt, known ? Number(known.value) + 1 : 0));
    await o.guard.admit(
      key,
      { value, hash },
      { eventId: `mi:${PRICE_POLLER}:${itno}:${value}`, correlationId: itno },
      async () => undefined,
    );
  }

  /** Reads the item again and produces it: 'produced', 'skipped' (M3 no longer has it) or 'dead-lettered'. */
  async function reread(itno: string, seenAt: number): Promise<'produced' | 'skipped' | 'dead-lettered'> {
    let rec: MiRecord | undefined;
    try {
      [rec] = await o.mi.execute('MMS200MI', 'GetItmBasic', { ITNO: itno });
    } catch (e) {
      if (notFound(e)) return 'skipped';
      throw e;
    }
    if (!rec) return 'skipped';
    const key = itemKey(itno);
    const known = o.guard.known(key);
    const observed = observedStamp(rec.LMDT, seenAt);
    let item;
    try {
      if (!observed) throw new UnmappableItem(`item ${itno}: no change date (LMDT)`);
      const at = Math.max(observed.at, known ? Number(known.value) + 1 : 0);
      item = itemOf(rec, { at, stamp: String(at) });
    } catch (e) {
      if (!(e instanceof UnmappableItem)) throw e;
      return o.changes.unreadable(key, rec, 'MMS200MI/GetItmBasic', e.message, itno);
    }
    const priced = await o.enrich(item);
    const admitted = await o.guard.admit(
      key,
      { value: BigInt(item.changeStamp), hash: itemContent(item) },
      { eventId: `mi:${PRICE_POLLER}:${itno}:${item.changeStamp}`, correlationId: itno },
      () => o.produce(polledItemRecord({ item: priced, poller: PRICE_POLLER, receivedAt: o.now() })),
    );
    return admitted.verdict === 'new' || admitted.verdict === 'changed' ? 'produced' : 'skipped';
  }

  async function pollOnce(): Promise<PricePassReport> {
    const started = o.now();
    const seeding = !o.checkpoints.get(PRICE_POLLER);
    const report: PricePassReport = {
      list: null,
      read: 0,
      changed: 0,
      unlisted: 0,
      produced: 0,
      skipped: 0,
      deadLettered: 0,
      seeded: seeding,
    };
    const heads = await o.mi.execute(
      'OIS017MI',
      'LstPriceList',
      { PRRF: o.priceList, CUCD: o.currency },
      { maxrecs: 0 },
    );
    const head = validList(heads, o.priceList, o.currency, m3Date(started));
    if (!head) {
      log.warn(
        { priceList: o.priceList, currency: o.currency, today: m3Date(started) },
        `price list ${o.priceList}/${o.currency} has no version valid today (OIS017MI LstPriceList): prices are not followed`,
      );
      count('no-list');
      return report;
    }
    const fvdt = head.FVDT?.trim() ?? '';
    report.list = `${o.priceList}/${o.currency}/${fvdt}`;
    const rows = await o.mi.execute(
      'OIS017MI',
      'LstBasePrice',
      { PRRF: head.PRRF ?? o.priceList, CUCD: head.CUCD ?? o.currency, FVDT: fvdt },
      { maxrecs: 0 },
    );
    const seenAt = o.now();
    report.read = rows.length;
    const now = new Map<string, string>();
    for (const r of rows) {
      const itno = r.ITNO?.trim() ?? '';
      if (itno && (r.CUNO?.trim() ?? '') === '') now.set(itno, listed(amountOf(r.SAPR)));
    }
    const changed: Array<[string, string]> = [];
    for (const [itno, hash] of now) if (o.guard.known(priceKey(itno))?.hash !== hash) changed.push([itno, hash]);
    for (const key of o.knownKeys()) {
      if (!key.startsWith('price:')) continue;
      const itno = key.slice('price:'.length);
      if (!now.has(itno) && o.guard.known(key)?.hash !== UNLISTED) {
        changed.push([itno, UNLISTED]);
        report.unlisted += 1;
      }
    }
    report.changed = changed.length;
    for (let i = 0; i < changed.length; i += o.concurrency) {
      const chunk = changed.slice(i, i + o.concurrency);
      await Promise.all(
        chunk.map(async ([itno, hash]) => {
          if (!seeding) {
            const outcome = await reread(itno, seenAt);
            count(outcome);
            if (outcome === 'produced') report.produced += 1;
            else if (outcome === 'dead-lettered') report.deadLettered += 1;
            else report.skipped += 1;
          }
          await remember(itno, hash, seenAt);
        }),
      );
    }
    if (o.checkpoints.get(PRICE_POLLER)?.cursor !== report.list)
      await o.checkpoints.set(PRICE_POLLER, { cursor: report.list, lastEntityId: null }, o.now());
    if (seeding)
      log.info({ ...report, ms: o.now() - started }, `price list ${report.list}: ${now.size} prices taken as applied`);
    else if (report.changed > 0) log.info({ ...report, ms: o.now() - started }, 'price poll pass');
    return report;
  }

  return miPoller({
    what: 'price',
    pass: pollOnce,
    intervalMs: o.intervalMs,
    count,
    logger: log,
    ...(o.schedule ? { schedule: o.schedule } : {}),
  });
}
