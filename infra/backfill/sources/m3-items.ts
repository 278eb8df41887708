// Items from M3 as snapshot rows (op `r` on cdc.m3.item.v1, the record the item poll produces, priced and with
// group names): MMS200MI LstItmByItm pages the item master in item-number order (a keyset: it lists from ITNO
// onward, so a page starts at the last key and drops it), LstItmPrice reads the same page's prices in one
// call when the price source is MMS200MI (else each item's price comes from the configured price source).
// --since lists LstItmByChgDate from that date (no keyset: read whole, then paged by ITNO); --keys reads each
// item (GetItmBasic). A row's version is M3's change stamp (LstItmByItm has LMDT, no LMTS: the change day's
// midnight), so a change the live item poll saw that day, stamped when seen, is newer and wins: a row not
// above the version last produced for its key (the poll's variation table, `item:<ITNO>`) is skipped as older.
// A record that cannot be read is dead-lettered to m3-ion-ingest.dlq with the reason.
import { AppError, isAppError, sourceDeadLetter, type OutgoingRecord } from '@m3mage/runtime';
import type { MiClient, MiRecord } from '@m3mage/connectors/m3';
import type { Item } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import { m3Date } from '../../../services/m3-ion-ingest/src/items/change-stamp';
import { snapshotItemRecord, type ItemEnricher } from '../../../services/m3-ion-ingest/src/items/item-change';
import { itemKey } from '../../../services/m3-ion-ingest/src/items/item-poller';
import { itemOf, UnmappableItem } from '../../../services/m3-ion-ingest/src/items/item-record';
import { mmsPriceOf } from '../../../services/m3-ion-ingest/src/items/price-source';
import type { GroupNamesSource } from '../../../services/m3-ion-ingest/src/items/group-names';
import type { SnapshotRow, SnapshotSource } from '../source';

export interface M3ItemsOptions {
  mi: Pick<MiClient, 'execute'>;
  /** Each item's price when it is not read page-wise (price source OIS017MI, --since, --keys). */
  enrich: ItemEnricher;
  /** Group names (cached). */
  names: GroupNamesSource;
  /** MMS200MI: a page's prices in one LstItmPrice call. */
  priceSource: 'MMS200MI' | 'OIS017MI';
  /** The last version produced for a key of the variation table, if any. */
  known: (key: string) => bigint | undefined;
  job: string;
  pageSize: number;
  since?: number;
  keys?: readonly string[];
  now: () => number;
  /** Items enriched at once (per-item price reads). */
  concurrency?: number;
}

/**
 * ITNO is mandatory in LstItmByItm: the first page starts at '!', the lowest printable character (GUESS:
 * item numbers sort by character code from there, as in the simulator; check against a live M3).
 */
const FIRST_ITNO = '!';

const notFound = (e: unknown): boolean => isAppError(e) && e.details?.['m3Category'] === 'not-found';

export function m3ItemsSource(o: M3ItemsOptions): SnapshotSource {
  const concurrency = o.concurrency ?? 16;

  function deadLetter(itno: string, rec: MiRecord, reason: string, reader: string): OutgoingRecord {
    const letter = sourceDeadLetter({
      source: `backfill:${reader}`,
      key: itno,
      value: Buffer.from(JSON.stringify(rec)),
      headers: { 'content-type': 'application/json' },
      error: new AppError('MAPPING_UNMAPPABLE', reason, { details: { reader, job: o.job } }),
      attempts: 1,
      at: new Date(o.now()),
      who: { service: 'backfill', group: 'backfill' },
    });
    return {
      topic: TOPIC.m3IonIngestDlq,
      key: itno,
      value: letter.value,
      meta: { correlationId: itno, eventType: 'DeadLetter', sourceSystem: 'M3' },
      headers: letter.headers,
    };
  }

  /** MI records of one page → rows, priced page-wise when `prices` is given. */
  async function rowsOf(records: MiRecord[], reader: string, prices?: Map<string, MiRecord>): Promise<SnapshotRow[]> {
    const judged = records.map((rec): SnapshotRow | Item => {
      const itno = rec.ITNO?.trim() ?? '';
      try {
        const item = itemOf(rec);
        const known = o.known(itemKey(item.itno));
        return known !== undefined && BigInt(item.changeStamp) <= known ? { key: item.itno, kind: 'older' } : item;
      } catch (e) {
        if (!(e instanceof UnmappableItem)) throw e;
        const key = itno || '(no ITNO)';
        return { key, kind: 'failed', reason: e.message, deadLetter: deadLetter(key, rec, e.message, reader) };
      }
    });
    const out: SnapshotRow[] = [];
    for (let i = 0; i < judged.length; i += concurrency) {
      const chunk = judged.slice(i, i + concurrency);
      const done = await Promise.all(
        chunk.map(async (r): Promise<SnapshotRow> => {
          if ('kind' in r) return r;
          const priced = prices
            ? { ...r, price: mmsPriceOf(prices.get(r.itno)), ...(await o.names(r)) }
            : await o.enrich(r);
          return { key: r.itno, kind: 'record', record: snapshotItemRecord(priced, o.job, o.now()) };
        }),
      );
      done.forEach((row, j) => (out[i + j] = row));
    }
    return out;
  }

  async function* byItemNumber(after: string | null): AsyncGenerator<SnapshotRow[]> {
    let from = after;
    for (;;) {
      // LstItmByItm lists from ITNO on, that item included: one more than a page, the first dropped.
      const maxrecs = o.pageSize + (from === null ? 0 : 1);
      const records = await o.mi.execute('MMS200MI', 'LstItmByItm', { ITNO: from ?? FIRST_ITNO }, { maxrecs });
      const page = records.filter((r) => from === null || (r.ITNO?.trim() ?? '') > from);
      if (page.length === 0) return;
      let prices: Map<string, MiRecord> | undefined;
      if (o.priceSource === 'MMS200MI') {
        const first = page[0]?.ITNO?.trim() ?? '';
        const rows = await o.mi.execute('MMS200MI', 'LstItmPrice', { ITNO: first }, { maxrecs: page.length });
        prices = new Map(rows.map((r) => [r.ITNO?.trim() ?? '', r]));
      }
      yield await rowsOf(page, 'MMS200MI/LstItmByItm', prices);
      from = page[page.length - 1]?.ITNO?.trim() ?? from;
      if (records.length < maxrecs) return;
    }
  }

  let changed: Promise<MiRecord[]> | undefined;
  const changedSince = (): Promise<MiRecord[]> =>
    (changed ??= o.mi.execute('MMS200MI', 'LstItmByChgDate', { FLMD: m3Date(o.since ?? 0) }, { maxrecs: 0 }));

  async function* inPages(records: MiRecord[], after: string | null, reader: string): AsyncGenerator<SnapshotRow[]> {
    const sorted = records
      .filter((r) => after === null || (r.ITNO?.trim() ?? '') > after)
      .sort((a, b) => (a.ITNO ?? '').localeCompare(b.ITNO ?? ''));
    for (let i = 0; i < sorted.length; i += o.pageSize) yield await rowsOf(sorted.slice(i, i + o.pageSize), reader);
  }

  async function* byKeys(keys: readonly string[], after: string | null): AsyncGenerator<SnapshotRow[]> {
    const left = keys.filter((k) => after === null || k > after);
    for (let i = 0; i < left.length; i += o.pageSize) {
      const found: MiRecord[] = [];
      const missing: SnapshotRow[] = [];
      for (const itno of left.slice(i, i + o.pageSize)) {
        try {
          found.push(...(await o.mi.execute('MMS200MI', 'GetItmBasic', { ITNO: itno })));
        } catch (e) {
          if (!notFound(e)) throw e;
          missing.push({ key: itno, kind: 'failed', reason: `M3 has no item ${itno} (MMS200MI GetItmBasic)` });
        }
      }
      const rows = [...(await rowsOf(found, 'MMS200MI/GetItmBasic')), ...missing];
      yield rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
  }

  return {
    name: 'items@m3',
    topic: TOPIC.cdcM3Item,
    writes: [TOPIC.cdcM3Item, TOPIC.m3IonIngestDlq],
    async total() {
      if (o.keys) return o.keys.length;
      if (o.since !== undefined) return (await changedSince()).length;
      return undefined; // MMS200MI has no count of the item master
    },
    async *pages(after) {
      if (o.keys) yield* byKeys(o.keys, after);
      else if (o.since !== undefined) yield* inPages(await changedSince(), after, 'MMS200MI/LstItmByChgDate');
      else yield* byItemNumber(after);
    },
  };
}
