import { invalid } from '../mi/errors';
import type { MiContext, MiHandler } from '../mi/execute';
import type { MiRecord } from '../mi/request';
import type { M3State } from '../state/store';
import type { BatchOrder, Customer } from '../state/types';

export type TransactionTable = Record<string, MiHandler>;

/** M3 numbers as text: no exponent, no trailing zeros. */
export const num = (n: number): string => String(Number.isInteger(n) ? n : Number(n.toFixed(6)));

export function parseNum(value: string | undefined, field: string, description: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value.trim().replace(',', '.'));
  if (!Number.isFinite(n)) throw invalid(field, description);
  return n;
}

export function customerOf(state: M3State, cuno: string | undefined, field = 'CUNO'): Customer {
  const c = cuno === undefined ? undefined : state.customers.get(cuno);
  if (!c) throw invalid(field, 'Customer number');
  return c;
}

export function itemOf(state: M3State, itno: string | undefined): MiRecord {
  const item = itno === undefined ? undefined : state.items.get(itno);
  if (!item) throw invalid('ITNO', 'Item number');
  return item;
}

export function warehouseOf(state: M3State, whlo: string | undefined): MiRecord {
  const w = whlo === undefined ? undefined : state.warehouses.get(whlo);
  if (!w) throw invalid('WHLO', 'Warehouse');
  return w;
}

/** The batch order behind a temporary ORNO, in any status. */
export function batchOf(state: M3State, orno: string | undefined): BatchOrder {
  const b = orno === undefined ? undefined : state.batchOrders.get(orno);
  if (!b) throw invalid('ORNO', 'Order number');
  return b;
}

/** Takes up to maxrecs (0 = all) from an iterable, so list transactions over 100k records stay cheap. */
export function take<T>(source: Iterable<T>, ctx: MiContext, accept: (t: T) => MiRecord | undefined): MiRecord[] {
  const out: MiRecord[] = [];
  for (const t of source) {
    const r = accept(t);
    if (r) out.push(r);
    if (ctx.maxrecs !== 0 && out.length >= ctx.maxrecs) break;
  }
  return out;
}
