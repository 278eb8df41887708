import type { M3State } from '../state/store';
import { parseNum, take, warehouseOf, type TransactionTable } from './common';

/** MMS005MI Warehouse interface. */
export function mms005mi(state: M3State): TransactionTable {
  return {
    GetWarehouse: (input) => [warehouseOf(state, input.WHLO)],
    /**
     * Warehouses from FWHL to TWHL (inclusive, each optional) in WHLO order; LMTS "Timestamp" (epoch ms, as the
     * simulator stamps a warehouse on every change, state/warehouses.ts) keeps only those changed after it. LMTS is
     * no output, so a reader must pass a time of its own: the time of its previous read minus a margin re-reads a
     * few warehouses instead of missing one changed in the same millisecond.
     */
    LstWarehouses: (input, ctx) => {
      const since = parseNum(input.LMTS, 'LMTS', 'Timestamp');
      return take([...state.warehouses.keys()].sort(), ctx, (whlo) => {
        if (input.FWHL !== undefined && whlo < input.FWHL) return undefined;
        if (input.TWHL !== undefined && whlo > input.TWHL) return undefined;
        const w = state.warehouses.get(whlo);
        if (since !== undefined && Number(w?.LMTS ?? 0) <= since) return undefined;
        return w;
      });
    },
  };
}
