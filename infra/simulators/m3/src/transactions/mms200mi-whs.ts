import { invalid, notFound } from '../mi/errors';
import type { MiRecord } from '../mi/request';
import type { M3State } from '../state/store';
import type { Balance } from '../state/types';
import { warehousesOfGroup } from '../state/warehouses';
import { balanceRecord } from './balance-record';
import { itemOf, take, warehouseOf, type TransactionTable } from './common';

/** A balance as LstItmWhsByWhgr lists it: the GetItmWhsBal quantities, change stamps, time zone and item status. */
function groupRow(state: M3State, b: Balance, item: MiRecord, wh: MiRecord): MiRecord {
  return {
    ...balanceRecord(state, b),
    ITDS: item.ITDS ?? '',
    STAT: item.STAT ?? '',
    LMDT: b.LMDT ?? '',
    TRDT: b.TRDT ?? '',
    TRTM: b.TRTM === undefined ? '0' : String(b.TRTM),
    TIZO: wh.TIZO ?? '',
    TGMT: wh.TGMT ?? '0',
  };
}

/** MMS200MI item/warehouse reads: one balance (GetItmWhsBal), every balance of a warehouse group (LstItmWhsByWhgr). */
export function mms200miWhs(state: M3State): TransactionTable {
  return {
    GetItmWhsBal: (input) => {
      warehouseOf(state, input.WHLO);
      itemOf(state, input.ITNO);
      const b = state.balances.get(state.balanceKey(input.WHLO ?? '', input.ITNO ?? ''));
      if (!b) throw notFound('ITNO', 'Item/warehouse', `${input.ITNO ?? ''}/${input.WHLO ?? ''}`);
      return [balanceRecord(state, b)];
    },
    /**
     * The balances of every warehouse in group WHGR, by WHLO then ITNO; items whose status is outside SLFR..SLTO
     * (each optional, inclusive) and, unless INZO is 1, balances with STQT 0 are left out. The transaction is the
     * simulator's (no public metadata): see scripts/m3h5-metadata-stock.ts.
     */
    LstItmWhsByWhgr: (input, ctx) => {
      const whlos = warehousesOfGroup(state, input.WHGR ?? '');
      if (whlos.length === 0) throw invalid('WHGR', 'Warehouse group');
      if (input.INZO !== undefined && input.INZO !== '0' && input.INZO !== '1') {
        throw invalid('INZO', 'Include zero balance');
      }
      const withZero = input.INZO === '1';
      function* pairs(): Generator<[string, string]> {
        for (const whlo of whlos) for (const itno of state.itemKeys.iterateFrom('')) yield [whlo, itno];
      }
      return take(pairs(), ctx, ([whlo, itno]) => {
        const b = state.balances.get(state.balanceKey(whlo, itno));
        const item = state.items.get(itno);
        const wh = state.warehouses.get(whlo);
        if (!b || !item || !wh || (!withZero && b.STQT === 0)) return undefined;
        const stat = item.STAT ?? '';
        if ((input.SLFR !== undefined && stat < input.SLFR) || (input.SLTO !== undefined && stat > input.SLTO)) {
          return undefined;
        }
        return groupRow(state, b, item, wh);
      });
    },
  };
}
