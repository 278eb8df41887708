import type { MiRecord } from '../mi/request';
import type { M3State } from '../state/store';
import type { BatchOrder } from '../state/types';
import { batchOf, customerOf, take, type TransactionTable } from './common';

/**
 * A batch order head (OXHEAD) as GetBatchHead/LstBatchHead show it, under its temporary ORNO: STAT is the batch
 * status (10 entered, 15 confirmed with errors, 90 released), ORNR the real order number once released. ORSL/ORST
 * are the real order's lowest/highest status once released, the batch status before.
 */
function batchHeadRecord(state: M3State, b: BatchOrder): MiRecord {
  const order = b.orno === undefined ? undefined : state.orders.get(b.orno);
  return {
    ...b.head,
    ORNO: b.tempOrno,
    STAT: b.status,
    ORSL: order?.head.ORSL ?? b.status,
    ORST: order?.head.ORST ?? b.status,
    ORNR: b.orno ?? '',
  };
}

const byPonr = (a: MiRecord, b: MiRecord): number => Number(a.PONR) - Number(b.PONR);

/** OIS100MI reads of batch orders (temporary numbers), so an interrupted order entry can be found and resumed. */
export function ois100miBatchQuery(state: M3State): TransactionTable {
  return {
    GetBatchHead: (input) => [batchHeadRecord(state, batchOf(state, input.ORNO))],
    /** A customer's batch orders by temporary ORNO; ORSL/ORST (from/to) filter on the batch status. */
    LstBatchHead: (input, ctx) => {
      const cuno = customerOf(state, input.CUNO).rec.CUNO;
      const batches = [...state.batchOrders.values()]
        .filter((b) => b.head.CUNO === cuno)
        .sort((a, b) => a.tempOrno.localeCompare(b.tempOrno));
      return take(batches, ctx, (b) => {
        if (input.ORSL !== undefined && b.status < input.ORSL) return undefined;
        if (input.ORST !== undefined && b.status > input.ORST) return undefined;
        return batchHeadRecord(state, b);
      });
    },
    LstBatchLine: (input, ctx) => {
      const batch = batchOf(state, input.ORNO);
      return take([...batch.lines].sort(byPonr), ctx, (l) => ({
        ITNO: l.ITNO ?? '',
        ITDS: state.items.get(l.ITNO ?? '')?.ITDS ?? '',
        ORQT: l.ORQT ?? '',
        WHLO: l.WHLO ?? '',
        CUPO: l.CUPO ?? '',
        DWDT: l.DWDT ?? batch.head.RLDT ?? '',
        SAPR: l.SAPR ?? '',
        PONR: l.PONR ?? '',
        POSX: '0',
        ATNR: '0',
      }));
    },
    /** The real order number of a released batch order; blank while it is not released (status 10 or 15). */
    GetOrderNo: (input) => {
      const batch = batchOf(state, input.ORNO);
      return [{ ORNR: batch.status === '90' ? (batch.orno ?? '') : '' }];
    },
    /** The errors recorded on the batch order (failed lines, a failed Confirm): MSID code, TX60 text, MDTA field. */
    LstErrMsgOrder: (input, ctx) =>
      take(batchOf(state, input.ORNO).errors, ctx, (e) => ({
        LEVL: '1',
        MDTA: e.field,
        TX60: e.message,
        MSID: e.code,
      })),
  };
}
