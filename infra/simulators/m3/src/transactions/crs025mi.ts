import { notFound } from '../mi/errors';
import type { M3State } from '../state/store';
import { take, type TransactionTable } from './common';

/** CRS025MI Item group interface (the item groups ITGR of MMS001 come from CRS025). */
export function crs025mi(state: M3State): TransactionTable {
  return {
    GetItemGroup: (input) => {
      const group = state.itemGroups.get(input.ITGR ?? '');
      if (!group) throw notFound('ITGR', 'Item group', input.ITGR ?? '');
      return [group];
    },
    /** Positions at ITGR (optional) and reads forward in code order. */
    LstItemGroup: (input, ctx) =>
      take([...state.itemGroups.keys()].sort(), ctx, (itgr) =>
        itgr >= (input.ITGR ?? '') ? state.itemGroups.get(itgr) : undefined,
      ),
  };
}
