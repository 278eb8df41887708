import { notFound } from '../mi/errors';
import type { M3State } from '../state/store';
import { take, type TransactionTable } from './common';

/** CRS035MI Product group interface (the product groups ITCL of MMS001 come from CRS035). */
export function crs035mi(state: M3State): TransactionTable {
  return {
    GetProductGroup: (input) => {
      const group = state.productGroups.get(input.ITCL ?? '');
      if (!group) throw notFound('ITCL', 'Product group', input.ITCL ?? '');
      return [group];
    },
    /** Every product group in code order (M3H5 publishes no input for it). */
    LstProductGroup: (_input, ctx) =>
      take([...state.productGroups.keys()].sort(), ctx, (itcl) => state.productGroups.get(itcl)),
  };
}
