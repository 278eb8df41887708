import type { FastifyPluginAsync } from 'fastify';
import { invoiceOrder, type InvoiceRequest } from '../domain/invoices';
import { addComment, getOrder, type CommentInput } from '../domain/orders';
import { shipOrder, type ShipRequest } from '../domain/shipments';
import { errors } from '../http/errors';
import { applySearch } from '../search/apply';
import { parseSearchCriteria } from '../search/criteria';
import { withFields } from '../search/fields';
import { ACL, toId, type IdParams, type RestDeps } from './deps';

/** Orders: get, search, comments, ship, invoice. */
export const ordersRoutes: FastifyPluginAsync<RestDeps> = async (app, deps) => {
  const { ctx, auth, writes } = deps;

  app.get<{ Params: IdParams }>('/orders/:id', { preHandler: auth.require(ACL.orders) }, async (req) =>
    withFields(getOrder(ctx, toId(req.params.id)), req.query),
  );

  app.get('/orders', { preHandler: auth.require(ACL.orders) }, async (req) => {
    const query = req.query as Record<string, unknown>;
    return withFields(applySearch([...ctx.state.orders.values()], parseSearchCriteria(query)), query);
  });

  app.get<{ Params: IdParams }>('/orders/:id/comments', { preHandler: auth.require(ACL.comment) }, async (req) => {
    const order = getOrder(ctx, toId(req.params.id));
    return {
      items: order.status_histories,
      search_criteria: { filter_groups: [] },
      total_count: order.status_histories.length,
    };
  });

  app.post<{ Params: IdParams; Body: { statusHistory?: CommentInput } }>(
    '/orders/:id/comments',
    { preHandler: auth.require(ACL.comment) },
    async (req) => {
      const order = getOrder(ctx, toId(req.params.id));
      const history = req.body?.statusHistory;
      if (!history || typeof history !== 'object') throw errors.required('statusHistory');
      await writes.run(order, 'comment', () => addComment(ctx, order, history));
      return true;
    },
  );

  app.post<{ Params: { orderId: string }; Body: ShipRequest | null }>(
    '/order/:orderId/ship',
    { preHandler: auth.require(ACL.ship) },
    async (req) => {
      const order = getOrder(ctx, toId(req.params.orderId));
      const shipment = await writes.run(order, 'ship', () => shipOrder(ctx, order, req.body ?? {}));
      return shipment.entity_id;
    },
  );

  app.post<{ Params: { orderId: string }; Body: InvoiceRequest | null }>(
    '/order/:orderId/invoice',
    { preHandler: auth.require(ACL.invoice) },
    async (req) => {
      const order = getOrder(ctx, toId(req.params.orderId));
      const invoice = await writes.run(order, 'invoice', () => invoiceOrder(ctx, order, req.body ?? {}));
      return invoice.entity_id;
    },
  );
};
