import { invalid } from '../mi/errors';
import { headRecord, lineRecord } from '../state/orders';
import type { M3State } from '../state/store';
import type { Order } from '../state/types';
import { customerOf, take, type TransactionTable } from './common';

function orderOf(state: M3State, orno: string | undefined): Order {
  const o = orno === undefined ? undefined : state.orders.get(orno);
  if (!o) throw invalid('ORNO', 'Order number');
  return o;
}

/**
 * OIS100MI reads. Finding an order by CUOR (Magento increment id): LstHead lists a customer's orders with CUOR
 * in the output (CUOR is not an input in M3 14.x), so the client filters on it.
 */
export function ois100miQuery(state: M3State): TransactionTable {
  return {
    GetHead: (input) => [headRecord(orderOf(state, input.ORNO))],
    LstHead: (input, ctx) => {
      const cuno = customerOf(state, input.CUNO).rec.CUNO;
      const orders = [...state.orders.values()]
        .filter((o) => o.head.CUNO === cuno)
        .sort((a, b) => a.ORNO.localeCompare(b.ORNO));
      return take(orders, ctx, (o) => {
        const r = headRecord(o);
        if (input.ORSL !== undefined && (r.ORST ?? '') < input.ORSL) return undefined;
        if (input.ORST !== undefined && (r.ORST ?? '') > input.ORST) return undefined;
        return r;
      });
    },
    GetLine: (input) => {
      const order = orderOf(state, input.ORNO);
      const line = order.lines.find((l) => String(l.PONR) === input.PONR && String(l.POSX) === (input.POSX ?? '0'));
      if (!line) throw invalid('PONR', 'Order line');
      return [lineRecord(order, line)];
    },
    LstLine: (input, ctx) => {
      const order = orderOf(state, input.ORNO);
      return take(order.lines, ctx, (l) => {
        if (input.ITNO !== undefined && l.ITNO !== input.ITNO) return undefined;
        if (input.ORST !== undefined && l.ORST !== input.ORST) return undefined;
        return lineRecord(order, l);
      });
    },
  };
}
