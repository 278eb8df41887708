import type { M3State } from '../state/store';
import { take, warehouseOf, type TransactionTable } from './common';

/** MMS005MI Warehouse interface. */
export function mms005mi(state: M3State): TransactionTable {
  return {
    GetWarehouse: (input) => [warehouseOf(state, input.WHLO)],
    LstWarehouses: (input, ctx) =>
      take([...state.warehouses.keys()].sort(), ctx, (whlo) => {
        if (input.FWHL !== undefined && whlo < input.FWHL) return undefined;
        if (input.TWHL !== undefined && whlo > input.TWHL) return undefined;
        return state.warehouses.get(whlo);
      }),
  };
}
