import { invalid } from '../mi/errors';
import type { MiRecord } from '../mi/request';
import { isDate } from '../state/dates';
import type { M3State } from '../state/store';
import { itemOf, parseNum, take, type TransactionTable } from './common';

/** Item basic data with the item and product group names (DS02/DS03) M3 joins in from CRS025/CRS035. */
export function basicRecord(state: M3State, item: MiRecord): MiRecord {
  return {
    ...item,
    DS02: state.itemGroups.get(item.ITGR ?? '')?.TX15 ?? '',
    DS03: state.productGroups.get(item.ITCL ?? '')?.TX15 ?? '',
  };
}

/**
 * Sort key (LMDT, LMTS, ITNO): LMTS left-padded so it orders as the number it is, compared in code-unit order like
 * SortedKeys (one string compare per step keeps a 100k-item re-sort well under a second).
 */
const changeKey = (i: MiRecord): string =>
  `${i.LMDT ?? ''}\u0000${(i.LMTS ?? '').padStart(20, '0')}\u0000${i.ITNO ?? ''}`;

/** Reads of the items in change order, re-sorted only after an item was stored (100k items, paged by dates). */
function changeOrder(state: M3State): () => MiRecord[] {
  let version = -1;
  let sorted: MiRecord[] = [];
  return () => {
    if (version !== state.itemVersion) {
      const keyed = [...state.items.values()].map((item) => ({ key: changeKey(item), item }));
      keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      sorted = keyed.map((k) => k.item);
      version = state.itemVersion;
    }
    return sorted;
  };
}

function dateInput(value: string | undefined, field: string, description: string): string | undefined {
  if (value !== undefined && !isDate(value)) throw invalid(field, description);
  return value;
}

/** MMS200MI Item interface: item master reads (item/warehouse balances: mms200mi-whs.ts, prices: mms200mi-price.ts). */
export function mms200mi(state: M3State): TransactionTable {
  const inChangeOrder = changeOrder(state);
  return {
    GetItmBasic: (input) => [basicRecord(state, itemOf(state, input.ITNO))],
    /** Positions at ITNO and reads forward in item-number order. */
    LstItmByItm: (input, ctx) =>
      take(state.itemKeys.iterateFrom(input.ITNO ?? ''), ctx, (k) => {
        const item = state.items.get(k);
        return item && basicRecord(state, item);
      }),
    /**
     * Items changed from FLMD to TLMD (change date LMDT, both inclusive, both optional), in (LMDT, LMTS, ITNO)
     * order. CSDS ("Changed since", meaning unpublished) is checked as a number and not used. The output has
     * LMDT but no LMTS (M3H5), so a client cannot tell two changes of one day apart from this list alone.
     */
    LstItmByChgDate: (input, ctx) => {
      const from = dateInput(input.FLMD, 'FLMD', 'From change date') ?? '';
      const to = dateInput(input.TLMD, 'TLMD', 'To change date');
      parseNum(input.CSDS, 'CSDS', 'Changed since');
      const items = inChangeOrder();
      let lo = 0;
      let hi = items.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((items[mid]?.LMDT ?? '') < from) lo = mid + 1;
        else hi = mid;
      }
      function* window(): Generator<MiRecord> {
        for (let i = lo; i < items.length; i++) {
          const item = items[i];
          if (!item || (to !== undefined && (item.LMDT ?? '') > to)) return;
          yield item;
        }
      }
      return take(window(), ctx, (item) => basicRecord(state, item));
    },
  };
}
