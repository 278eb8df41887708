import type { MiRecord } from '../mi/request';
import { num } from '../transactions/common';
import type { M3State } from './store';
import type { Order, OrderLine } from './types';

/** Lowest/highest line status (ORSL/ORST), kept on the head after every change. */
export function refreshOrderStatus(order: Order): string {
  const statuses = order.lines.map((l) => l.ORST).sort();
  const orsl = statuses[0] ?? '05';
  const orst = statuses[statuses.length - 1] ?? '05';
  order.head.ORSL = orsl;
  order.head.ORST = orst;
  order.head.STAT = orst;
  return orst;
}

/** Records a status change on the order and publishes it (the SalesOrder BOD stream follows `history`). */
export function orderChanged(state: M3State, order: Order, action: 'Add' | 'Change'): void {
  const status = refreshOrderStatus(order);
  order.history.push(`${order.head.ORSL ?? ''}/${status}`);
  state.changed({ noun: 'SalesOrder', id: order.ORNO, action });
}

export function orderAmount(order: Order): number {
  return order.lines.reduce((s, l) => s + l.ORQT * l.SAPR, 0);
}

export function headRecord(order: Order): MiRecord {
  const amount = num(Number(orderAmount(order).toFixed(2)));
  return { ...order.head, ORNO: order.ORNO, NTAM: amount, BRAM: amount, DLIX: order.deliveries.at(-1) ?? '0' };
}

export function lineRecord(order: Order, l: OrderLine): MiRecord {
  return {
    ORNO: order.ORNO,
    PONR: String(l.PONR),
    POSX: String(l.POSX),
    ITNO: l.ITNO,
    ITDS: l.ITDS,
    WHLO: l.WHLO,
    ORQT: num(l.ORQT),
    ORQA: num(l.ORQT),
    SAPR: num(l.SAPR),
    NEPR: num(l.SAPR),
    LNAM: num(Number((l.ORQT * l.SAPR).toFixed(2))),
    NLAM: num(Number((l.ORQT * l.SAPR).toFixed(2))),
    ORST: l.ORST,
    DLQT: num(l.DLQT),
    IVQT: num(l.IVQT),
    ALQT: num(l.ORST >= '22' && l.ORST < '66' ? l.ORQT : 0),
    CUOR: l.CUOR,
    CUCD: order.head.CUCD ?? '',
    ALUN: 'PCS',
    SPUN: 'PCS',
    DWDT: order.head.RLDT ?? '',
    CODT: order.head.RLDT ?? '',
  };
}
