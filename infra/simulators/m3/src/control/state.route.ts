import type { FastifyPluginCallback } from 'fastify';
import { batchOrderSummary } from '../state/batch-summary';
import type { M3State } from '../state/store';
import type { Balance, Order } from '../state/types';

const orderView = (o: Order) => ({ ...o, head: { ...o.head } });

/** Balances by WHLO then ITNO, of one warehouse and/or item when given, at most `limit`. */
function balancesOf(state: M3State, whlo: string | undefined, itno: string | undefined, limit: number): Balance[] {
  const out: Balance[] = [];
  const whlos = whlo !== undefined ? [whlo] : [...state.warehouses.keys()].sort();
  for (const w of whlos) {
    for (const i of itno !== undefined ? [itno] : state.itemKeys.iterateFrom('')) {
      if (out.length >= limit) return out;
      const b = state.balances.get(state.balanceKey(w, i));
      if (b) out.push(b);
    }
  }
  return out;
}

/** Read everything the simulated M3 holds or received (`GET /_control/state/...`). */
export const stateRoutes: FastifyPluginCallback<{ state: M3State }> = (app, { state }, done) => {
  app.get<{ Querystring: { cuor?: string; cuno?: string } }>('/_control/state/orders', (req) =>
    [...state.orders.values()]
      .filter(
        (o) =>
          (!req.query.cuor || o.head.CUOR === req.query.cuor) && (!req.query.cuno || o.head.CUNO === req.query.cuno),
      )
      .map(orderView),
  );
  app.get<{ Params: { orno: string } }>('/_control/state/orders/:orno', (req, reply) => {
    const o = state.orders.get(req.params.orno);
    return o ? orderView(o) : reply.code(404).send({ error: `order ${req.params.orno} not found` });
  });
  app.get('/_control/state/batch-orders', () => [...state.batchOrders.values()]);
  app.get('/_control/state/batch-orders/summary', () => batchOrderSummary(state));
  app.get<{ Querystring: { mail?: string; limit?: string } }>('/_control/state/customers', (req) => {
    const mail = req.query.mail?.toLowerCase();
    const all = [...state.customers.values()].filter((c) => !mail || c.rec.MAIL?.toLowerCase() === mail);
    return all.slice(0, Number(req.query.limit ?? 1000));
  });
  app.get<{ Params: { cuno: string } }>('/_control/state/customers/:cuno', (req, reply) => {
    return state.customers.get(req.params.cuno) ?? reply.code(404).send({ error: 'customer not found' });
  });
  app.get<{ Querystring: { limit?: string } }>('/_control/state/items', (req) =>
    state.itemKeys
      .all()
      .slice(0, Number(req.query.limit ?? 1000))
      .map((k) => state.items.get(k)),
  );
  app.get<{ Params: { itno: string } }>('/_control/state/items/:itno', (req, reply) => {
    const item = state.items.get(req.params.itno);
    if (!item) return reply.code(404).send({ error: 'item not found' });
    const balances = [...state.warehouses.keys()].map((w) => state.balances.get(state.balanceKey(w, req.params.itno)));
    const basePrices = [...state.priceLists.values()].flatMap((l) => {
      const sapr = l.prices.get(req.params.itno);
      return sapr === undefined
        ? []
        : [{ PRRF: l.PRRF, CUCD: l.CUCD, CUNO: l.CUNO, FVDT: l.FVDT, LVDT: l.LVDT, SAPR: sapr }];
    });
    return { item, balances: balances.filter((b) => b !== undefined), basePrices };
  });
  app.get('/_control/state/warehouses', () => [...state.warehouses.values()]);
  app.get<{ Querystring: { whlo?: string; itno?: string; limit?: string } }>(
    '/_control/state/balances',
    (req, reply) => {
      const { whlo, itno } = req.query;
      if (whlo !== undefined && !state.warehouses.has(whlo)) {
        return reply.code(404).send({ error: `warehouse ${whlo} not found` });
      }
      if (itno !== undefined && !state.items.has(itno))
        return reply.code(404).send({ error: `item ${itno} not found` });
      return balancesOf(state, whlo, itno, Number(req.query.limit ?? 1000));
    },
  );
  app.get('/_control/state/deliveries', () => [...state.deliveries.values()]);
  app.get('/_control/state/invoices', () => [...state.invoices.values()]);
  app.get('/_control/state/vouchers', () => [...state.vouchers.values()]);
  app.get('/_control/state/gl-batches', () =>
    [...state.glBatches.values()].map((b) => ({ ...b, lines: Object.fromEntries(b.lines) })),
  );
  done();
};
