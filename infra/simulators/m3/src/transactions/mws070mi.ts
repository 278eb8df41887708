import { invalid } from '../mi/errors';
import type { MiRecord } from '../mi/request';
import { instantOf, isDate, timeOfDay } from '../state/dates';
import type { M3State } from '../state/store';
import type { StockTransaction } from '../state/types';
import { num, take, warehouseOf, type TransactionTable } from './common';

/**
 * One MITTRA row. Fields and lengths: GaryWayneSmith/M3H5 `MWS070MI/ListTransByDateResponse.cs` (14.x), see
 * scripts/m3h5-metadata-stock.ts. The transaction date/time is the registration date/time (nothing is back-dated);
 * with one balance identity per item and warehouse, NSTQ (new on-hand at the balance ID), NSTT and STNO (total on
 * hand of the item in the warehouse) are the same number.
 */
function transactionRecord(state: M3State, t: StockTransaction): MiRecord {
  const nstq = num(t.NSTQ);
  return {
    CONO: state.company.CONO,
    WHLO: t.WHLO,
    ITNO: t.ITNO,
    RGDT: t.RGDT,
    RGTM: String(t.RGTM),
    TMSX: String(t.TMSX),
    TRDT: t.RGDT,
    TRTM: String(t.RGTM),
    RESP: 'M3SIM',
    TTYP: t.TTYP,
    WHSL: t.WHSL,
    BANO: t.BANO,
    RIDN: t.RIDN,
    RIDL: String(t.RIDL),
    RIDI: t.RIDI === '' ? '0' : t.RIDI,
    STAS: '2',
    TRQT: num(t.TRQT),
    NSTQ: nstq,
    NSTT: nstq,
    STNO: nstq,
  };
}

/** MWS070MI Stock transaction history interface. */
export function mws070mi(state: M3State): TransactionTable {
  return {
    /**
     * Transactions of warehouse WHLO (and item ITNO) registered at or after RGDT/RGTM (UTC; RGTM optional,
     * default 000000), in registration order. A poller asks again from the RGDT/RGTM of the last row it read and
     * drops the rows it has by (ITNO, RGDT, RGTM, TMSX). ITNO filters only (an unknown item lists nothing).
     */
    ListTransByDate: (input, ctx) => {
      warehouseOf(state, input.WHLO);
      const date = input.RGDT ?? '';
      if (!isDate(date)) throw invalid('RGDT', 'Entry date');
      const time = input.RGTM === undefined ? 0 : timeOfDay(input.RGTM);
      if (time === undefined) throw invalid('RGTM', 'Entry time');
      const from = instantOf(date, time);
      return take(state.stockHistory.since(input.WHLO ?? '', from, input.ITNO), ctx, (t) =>
        transactionRecord(state, t),
      );
    },
  };
}
