import type { MiHandler } from '../mi/execute';
import type { MiRecord } from '../mi/request';
import type { M3State } from '../state/store';
import type { Balance } from '../state/types';
import { num, take, warehouseOf, type TransactionTable } from './common';

type Row = (b: Balance, item: MiRecord, wh: MiRecord) => MiRecord;

/** The balances of warehouse WHLO in ITNO order (ITNO given: that item only), filtered by WHSL and BANO. */
function balances(state: M3State, row: Row): MiHandler {
  return (input, ctx) => {
    const wh = warehouseOf(state, input.WHLO);
    const keys = input.ITNO !== undefined ? [input.ITNO] : state.itemKeys.iterateFrom('');
    return take(keys, ctx, (itno) => {
      const b = state.balances.get(state.balanceKey(input.WHLO ?? '', itno));
      const item = state.items.get(itno);
      if (!b || !item) return undefined;
      if (input.WHSL !== undefined && b.WHSL !== input.WHSL) return undefined;
      if (input.BANO !== undefined && b.BANO !== input.BANO) return undefined;
      return row(b, item, wh);
    });
  };
}

/**
 * MMS060MI Balance identity interface: one balance identity (location/lot) per item and warehouse here, so List and
 * LstBalID give one row per balance, and LstSumQty ("List summarized quantities" per item and location) the same
 * quantities with the counts of what it summed: 1 balance ID, 1 lot when the balance has a lot number, no container.
 */
export function mms060mi(state: M3State): TransactionTable {
  const common = (b: Balance, item: MiRecord, wh: MiRecord): MiRecord => ({
    CONO: state.company.CONO,
    WHLO: b.WHLO,
    WHNM: wh.WHNM ?? '',
    ITNO: b.ITNO,
    ITDS: item.ITDS ?? '',
    WHSL: b.WHSL,
    STQT: num(b.STQT),
    ALQT: num(b.ALQT),
    UNMS: item.UNMS ?? '',
    ITTY: item.ITTY ?? '',
    ITGR: item.ITGR ?? '',
    RESP: item.RESP ?? '',
    SLTP: '',
  });
  const list = balances(state, (b, item, wh) => ({
    ...common(b, item, wh),
    BANO: b.BANO,
    STAS: '2',
    ALOC: '1',
    STAT: item.STAT ?? '',
  }));
  const sum = balances(state, (b, item, wh) => ({
    ...common(b, item, wh),
    TNOB: '1',
    TNOL: b.BANO === '' ? '0' : '1',
    TNOC: '0',
  }));
  return { List: list, LstBalID: list, LstSumQty: sum };
}
