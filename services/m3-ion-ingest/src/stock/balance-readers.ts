// Where balances are read (STOCK_SOURCE, ADR 0015). Each reader returns, per pass, the balance records to
// offer and what to save once they are all produced:
// - `LstItmWhsByWhgr`: MMS200MI LstItmWhsByWhgr per warehouse group (INZO 1: zero balances too, or a sold-out
//   item would never reach 0), every item-warehouse of the group with its balance and the date/time of its
//   last stock transaction (TRDT/TRTM, the version). A full read each pass; unchanged rows cost no write.
// - `MWS070MI`: the stock transaction history as a change feed. Per warehouse, MWS070MI ListTransByDate since
//   the warehouse's cursor (RGDT/RGTM, the same second read again: it may have had more transactions), then
//   MMS200MI GetItmWhsBal (v2 bulk, many per request) for the items that moved. Cursors per warehouse are
//   checkpoints (`m3-stock-feed:<WHLO>`), saved after the pass produced.
// - `MMS060MI`: LstSumQty per warehouse (per item and location), summed per item; a full read each pass. M3 writes no stock transaction for
//   an allocation alone (ALQT): with this reader a change of ALQT shows with the next movement of the item.
// MMS200MI LstItmWhsByWhgr is taken from MASTER-DATA-NOTES §1 (M3H5); it is not in the 14.x metadata file.
import type { CheckpointStore } from '@m3mage/runtime';
import { add, formatDecimal, parseDecimal, type Decimal } from '@m3mage/runtime/mapping';
import type { MiClient, MiRecord } from '@m3mage/connectors/m3';
import { m3Date } from '../items/change-stamp';

export interface ReadBalances {
  reader: string;
  records: MiRecord[];
  /** Balances the reader could not read (GetItmWhsBal NOK): ITNO@WHLO, the MI input and M3's message. */
  missing: Array<{ key: string; input: MiRecord; reason: string }>;
  commit(): Promise<void>;
}

export interface BalanceReader {
  read(): Promise<ReadBalances>;
}

const nothingToSave = async (): Promise<void> => undefined;

/** The fields a balance is read from (records.ts): a full read asks for these only, not every column. */
export const BALANCE_COLUMNS = ['WHLO', 'ITNO', 'STQT', 'ALQT', 'AVAL', 'AV01', 'TRDT', 'TRTM'] as const;

export function warehouseGroupReader(mi: Pick<MiClient, 'execute'>, groups: readonly string[]): BalanceReader {
  return {
    async read() {
      const records: MiRecord[] = [];
      for (const whgr of groups) {
        records.push(
          ...(await mi.execute(
            'MMS200MI',
            'LstItmWhsByWhgr',
            { WHGR: whgr, INZO: '1' },
            { maxrecs: 0, returncols: BALANCE_COLUMNS },
          )),
        );
      }
      return { reader: 'MMS200MI/LstItmWhsByWhgr', records, missing: [], commit: nothingToSave };
    },
  };
}

/**
 * MMS060MI LstSumQty per warehouse: STQT/ALQT per item and location, summed here per item (exact decimals).
 * It gives no transaction stamp (the version is the time a new content was seen) and no AVAL/AV01.
 */
export function locationSumReader(mi: Pick<MiClient, 'execute'>, warehouses: readonly string[]): BalanceReader {
  return {
    async read() {
      const records: MiRecord[] = [];
      for (const whlo of warehouses) {
        const rows = await mi.execute('MMS060MI', 'LstSumQty', { WHLO: whlo }, { maxrecs: 0 });
        const byItem = new Map<string, { stqt: Decimal; alqt: Decimal; bad?: MiRecord }>();
        for (const row of rows) {
          const itno = row.ITNO?.trim() ?? '';
          const sum = byItem.get(itno) ?? { stqt: parseDecimal('0'), alqt: parseDecimal('0') };
          try {
            sum.stqt = add(sum.stqt, parseDecimal(row.STQT ?? '0'));
            sum.alqt = add(sum.alqt, parseDecimal(row.ALQT?.trim() || '0'));
          } catch {
            sum.bad = row; // passed on as it is: the poller dead-letters it with the reason
          }
          byItem.set(itno, sum);
        }
        for (const [itno, sum] of byItem)
          records.push(
            sum.bad ?? { WHLO: whlo, ITNO: itno, STQT: formatDecimal(sum.stqt), ALQT: formatDecimal(sum.alqt) },
          );
      }
      return { reader: 'MMS060MI/LstSumQty', records, missing: [], commit: nothingToSave };
    },
  };
}

export const FEED_POLLER = 'm3-stock-feed';
/** Items per MI v2 bulk request of GetItmWhsBal. */
const BULK = 100;

export interface FeedReaderOptions {
  mi: Pick<MiClient, 'execute' | 'bulk'>;
  warehouses: readonly string[];
  checkpoints: CheckpointStore;
  now: () => number;
  /** Epoch ms of the very first cursor; default the first pass's time (no backfill). */
  startAt?: number;
}

/** yyyyMMddHHmmss of an instant (UTC), the cursor's form. */
const stampOf = (at: number): string => {
  const iso = new Date(at).toISOString();
  return `${m3Date(at)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
};

export function transactionFeedReader(o: FeedReaderOptions): BalanceReader {
  let first: string | undefined;
  return {
    async read() {
      first ??= stampOf(o.startAt ?? o.now());
      const moved = new Map<string, Set<string>>();
      const cursors = new Map<string, string>();
      for (const whlo of o.warehouses) {
        const cursor = o.checkpoints.get(`${FEED_POLLER}:${whlo}`)?.cursor ?? first;
        const rows = await o.mi.execute(
          'MWS070MI',
          'ListTransByDate',
          { WHLO: whlo, RGDT: cursor.slice(0, 8), RGTM: cursor.slice(8, 14) },
          // Only what the feed needs: a transaction has 65 fields, a burst has thousands of transactions.
          { maxrecs: 0, returncols: ['ITNO', 'RGDT', 'RGTM'] },
        );
        let newest = cursor;
        const items = new Set<string>();
        for (const t of rows) {
          const itno = t.ITNO?.trim();
          if (itno) items.add(itno);
          const at = `${t.RGDT?.trim() ?? ''}${(t.RGTM?.trim() ?? '').padStart(6, '0')}`;
          if (/^\d{14}$/.test(at) && at > newest) newest = at;
        }
        moved.set(whlo, items);
        cursors.set(whlo, newest);
      }
      const records: MiRecord[] = [];
      const missing: ReadBalances['missing'] = [];
      for (const [whlo, items] of moved) {
        const list = [...items];
        for (let i = 0; i < list.length; i += BULK) {
          const chunk = list.slice(i, i + BULK);
          const results = await o.mi.bulk(
            'MMS200MI',
            chunk.map((itno) => ({
              transaction: 'GetItmWhsBal',
              input: { WHLO: whlo, ITNO: itno },
              returncols: BALANCE_COLUMNS,
            })),
          );
          results.forEach((r, j) => {
            const itno = chunk[j] ?? '';
            if ('error' in r)
              missing.push({ key: `${itno}@${whlo}`, input: { WHLO: whlo, ITNO: itno }, reason: r.error.message });
            else records.push(...r.records);
          });
        }
      }
      return {
        reader: 'MMS200MI/GetItmWhsBal',
        records,
        missing,
        async commit() {
          for (const [whlo, cursor] of cursors) {
            const name = `${FEED_POLLER}:${whlo}`;
            if (o.checkpoints.get(name)?.cursor !== cursor)
              await o.checkpoints.set(name, { cursor, lastEntityId: null }, o.now());
          }
        },
      };
    },
  };
}
