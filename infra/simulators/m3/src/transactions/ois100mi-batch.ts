import { itemBlockedForSale, invalid, MiError, notAllowed, notFound } from '../mi/errors';
import type { MiRecord } from '../mi/request';
import { orderChanged } from '../state/orders';
import { allocate } from '../state/stock';
import type { M3State } from '../state/store';
import type { BatchOrder, LineError, Order } from '../state/types';
import { batchOf, customerOf, parseNum, warehouseOf, type TransactionTable } from './common';

/** What the MI faults make Confirm do (see mi/faults.ts). */
export interface ConfirmFaults {
  confirmErrorItems(): ReadonlySet<string>;
}

/** The batch order behind a temporary ORNO, still open (status 10 or 15). */
function openBatch(state: M3State, orno: string | undefined): BatchOrder {
  const b = batchOf(state, orno);
  if (b.status === '90') throw notAllowed('ORNO', `Batch order ${b.tempOrno} is already released to ${b.orno ?? ''}`);
  return b;
}

const asLineError = (err: MiError): LineError => ({
  code: err.code ?? err.type,
  field: err.field ?? '',
  message: err.message,
});

/** Records an error once: a repeated Confirm finds the same errors, it does not pile them up. */
function addError(batch: BatchOrder, e: LineError): void {
  if (!batch.errors.some((x) => x.code === e.code && x.field === e.field && x.message === e.message))
    batch.errors.push(e);
}

/** A line error is returned as NOK *and* kept on the batch order (as OIS275 keeps it), so Confirm fails. */
function recordErrors<T>(batch: BatchOrder, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof MiError) batch.errors.push(asLineError(err));
    throw err;
  }
}

/**
 * OIS100MI batch entry: AddBatchHead → AddBatchLine… → AddBatchAddress → Confirm (temporary ORNO → real ORNO);
 * DelBatchHead removes an unreleased batch order. Reads of batch orders are in ois100mi-batch-query.ts.
 */
export function ois100miBatch(state: M3State, faults: ConfirmFaults): TransactionTable {
  return {
    AddBatchHead: (input) => {
      const customer = customerOf(state, input.CUNO);
      if (input.WHLO !== undefined) warehouseOf(state, input.WHLO);
      const tempOrno = String(state.next('batchOrder', 9000000001));
      const head: MiRecord = {
        ORTP: 'A01',
        RLDT: state.today(),
        ORDT: state.today(),
        FACI: state.company.FACI,
        DIVI: state.company.DIVI,
        CUCD: customer.rec.CUCD ?? state.company.CUCD,
        ...input,
        CUNO: customer.rec.CUNO ?? '',
      };
      state.batchOrders.set(tempOrno, {
        tempOrno,
        head,
        lines: [],
        addresses: [],
        errors: [],
        status: '10',
        createdAt: state.now(),
      });
      return [{ ORNO: tempOrno }];
    },
    AddBatchLine: (input) => {
      const batch = openBatch(state, input.ORNO);
      return recordErrors(batch, () => {
        const item = state.items.get(input.ITNO ?? '');
        // Sold: 20 released and 50 "should be used and then discontinued" (sold until its stock runs out, MMS001).
        if (!item || (item.STAT !== '20' && item.STAT !== '50')) throw invalid('ITNO', 'Item number');
        const whlo = input.WHLO ?? batch.head.WHLO ?? [...state.warehouses.keys()][0];
        warehouseOf(state, whlo);
        if (!state.balances.has(state.balanceKey(whlo ?? '', input.ITNO ?? ''))) {
          throw notFound('ITNO', 'Item/warehouse', `${input.ITNO ?? ''}/${whlo ?? ''}`);
        }
        const qty = parseNum(input.ORQT, 'ORQT', 'Ordered quantity');
        if (qty === undefined || qty <= 0) throw invalid('ORQT', 'Ordered quantity');
        const price = parseNum(input.SAPR, 'SAPR', 'Sales price') ?? Number(item.SAPR ?? '0');
        const ponr = (batch.lines.length + 1) * 10;
        batch.lines.push({
          ...input,
          CUPO: input.CUPO ?? '',
          WHLO: whlo ?? '',
          ORQT: String(qty),
          SAPR: String(price),
          PONR: String(ponr),
        });
        return [{ PONR: String(ponr), POSX: '0', ATNR: '0' }];
      });
    },
    AddBatchAddress: (input) => {
      const batch = openBatch(state, input.ORNO);
      return recordErrors(batch, () => {
        if (!/^\d{1,2}$/.test(input.ADRT ?? '')) throw invalid('ADRT', 'Address type');
        batch.addresses = [...batch.addresses.filter((a) => a.ADRT !== input.ADRT), { ...input }];
        return [];
      });
    },
    /** With errors the batch order stays (status 15) under its temporary number: no customer order is created. */
    Confirm: (input) => {
      const batch = openBatch(state, input.ORNO);
      if (batch.lines.length === 0 && batch.errors.length === 0) {
        batch.errors.push({ code: 'XIM0002', field: 'PONR', message: 'Order has no lines' });
      }
      const blocked = faults.confirmErrorItems();
      for (const l of batch.lines) {
        if (blocked.has(l.ITNO ?? '')) addError(batch, asLineError(itemBlockedForSale(l.ITNO ?? '')));
      }
      if (batch.errors.length > 0) {
        batch.status = '15';
        return [{ ORNO: batch.tempOrno, STAT: '15' }];
      }
      const order = release(state, batch);
      return [{ ORNO: order.ORNO, STAT: order.head.ORST ?? '' }];
    },
    /** Deletes an unreleased batch order with its lines, addresses and errors; a released one stays. */
    DelBatchHead: (input) => {
      const batch = batchOf(state, input.ORNO);
      if (batch.status === '90') {
        throw notAllowed('ORNO', `Batch order ${batch.tempOrno} is released to ${batch.orno ?? ''}, not deleted`);
      }
      state.batchOrders.delete(batch.tempOrno);
      return [];
    },
  };
}

function release(state: M3State, batch: BatchOrder): Order {
  const orno = String(state.next('order', 1000000001));
  const cuor = batch.head.CUOR ?? '';
  const order: Order = {
    ORNO: orno,
    head: { ...batch.head, ORNO: orno, CUOR: cuor },
    lines: batch.lines.map((l) => {
      const qty = Number(l.ORQT);
      allocate(state, l.WHLO ?? '', l.ITNO ?? '', qty);
      return {
        PONR: Number(l.PONR),
        POSX: 0,
        ITNO: l.ITNO ?? '',
        ITDS: state.items.get(l.ITNO ?? '')?.ITDS ?? '',
        WHLO: l.WHLO ?? '',
        ORQT: qty,
        SAPR: Number(l.SAPR),
        ORST: '22',
        DLQT: 0,
        IVQT: 0,
        CUOR: cuor,
      };
    }),
    addresses: batch.addresses,
    deliveries: [],
    invoices: [],
    history: [],
  };
  batch.status = '90';
  batch.orno = orno;
  state.orders.set(orno, order);
  orderChanged(state, order, 'Add');
  for (const l of order.lines) state.balanceChanged(l.WHLO, l.ITNO);
  return order;
}
