import type { M3State } from '../state/store';
import { num, take, warehouseOf, type TransactionTable } from './common';

/** MMS060MI Balance identity interface: one balance identity (location/lot) per item and warehouse here. */
export function mms060mi(state: M3State): TransactionTable {
  const list: TransactionTable[string] = (input, ctx) => {
    const wh = warehouseOf(state, input.WHLO);
    const keys = input.ITNO !== undefined ? [input.ITNO] : state.itemKeys.iterateFrom('');
    return take(keys, ctx, (itno) => {
      const b = state.balances.get(state.balanceKey(input.WHLO ?? '', itno));
      const item = state.items.get(itno);
      if (!b || !item) return undefined;
      if (input.WHSL !== undefined && b.WHSL !== input.WHSL) return undefined;
      if (input.BANO !== undefined && b.BANO !== input.BANO) return undefined;
      return {
        CONO: state.company.CONO,
        WHLO: b.WHLO,
        WHNM: wh.WHNM ?? '',
        ITNO: b.ITNO,
        ITDS: item.ITDS ?? '',
        WHSL: b.WHSL,
        BANO: b.BANO,
        STQT: num(b.STQT),
        ALQT: num(b.ALQT),
        STAS: '2',
        ALOC: '1',
        UNMS: item.UNMS ?? '',
        ITTY: item.ITTY ?? '',
        ITGR: item.ITGR ?? '',
        RESP: item.RESP ?? '',
        STAT: item.STAT ?? '',
        SLTP: '',
      };
    });
  };
  return { List: list, LstBalID: list };
}
