import { notFound } from '../mi/errors';
import type { M3State } from '../state/store';
import type { Balance } from '../state/types';
import { itemOf, num, take, warehouseOf, type TransactionTable } from './common';

export function balanceRecord(state: M3State, b: Balance): Record<string, string> {
  const available = Math.max(0, b.STQT - b.ALQT);
  return {
    CONO: state.company.CONO,
    WHLO: b.WHLO,
    ITNO: b.ITNO,
    STQT: num(b.STQT),
    ALQT: num(b.ALQT),
    AV01: num(available),
    AVAL: num(available),
    FACI: state.company.FACI,
  };
}

/** MMS200MI Item interface. */
export function mms200mi(state: M3State): TransactionTable {
  return {
    GetItmBasic: (input) => [itemOf(state, input.ITNO)],
    /** Positions at ITNO and reads forward in item-number order. */
    LstItmByItm: (input, ctx) => take(state.itemKeys.iterateFrom(input.ITNO ?? ''), ctx, (k) => state.items.get(k)),
    GetItmWhsBal: (input) => {
      warehouseOf(state, input.WHLO);
      itemOf(state, input.ITNO);
      const b = state.balances.get(state.balanceKey(input.WHLO ?? '', input.ITNO ?? ''));
      if (!b) throw notFound('ITNO', 'Item/warehouse', `${input.ITNO ?? ''}/${input.WHLO ?? ''}`);
      return [balanceRecord(state, b)];
    },
  };
}
