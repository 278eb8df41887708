import type { MiRecord } from '../mi/request';
import type { M3State } from '../state/store';
import { itemOf, take, type TransactionTable } from './common';

/**
 * The item's MITMAS sales price as GetItmPrice/LstItmPrice show it: SAPR per SACD SPUN in CUCS (SAPB the same
 * per basic U/M, as SPUN = UNMS here), PDCC price decimals, SPDT the day the price last changed.
 */
function priceRecord(state: M3State, item: MiRecord): MiRecord {
  return {
    ITNO: item.ITNO ?? '',
    ITDS: item.ITDS ?? '',
    CUCD: state.company.CUCD,
    SAPR: item.SAPR ?? '0',
    SACD: item.SACD ?? '1',
    CUCS: item.CUCS ?? state.company.CUCD,
    SPUN: item.SPUN ?? item.UNMS ?? '',
    SPUC: item.SPUC ?? '0',
    SAPB: item.SAPB ?? item.SAPR ?? '0',
    PDCC: item.PDCC ?? '2',
    SPDT: item.SPDT ?? '',
    LMDT: item.LMDT ?? '',
    ITNE: item.ITNE ?? '',
  };
}

/** MMS200MI item price reads (GetItmBasic has no SAPR; M3 keeps the sales price on the price panel). */
export function mms200miPrice(state: M3State): TransactionTable {
  return {
    GetItmPrice: (input) => [priceRecord(state, itemOf(state, input.ITNO))],
    /** Positions at ITNO and reads forward in item-number order, as LstItmByItm does. */
    LstItmPrice: (input, ctx) =>
      take(state.itemKeys.iterateFrom(input.ITNO ?? ''), ctx, (k) => {
        const item = state.items.get(k);
        return item && priceRecord(state, item);
      }),
  };
}
