import type { FastifyPluginAsync } from 'fastify';
import { errors } from '../http/errors';
import { applySearch } from '../search/apply';
import { parseSearchCriteria } from '../search/criteria';
import { withFields } from '../search/fields';
import { ACL, toId, type IdParams, type RestDeps } from './deps';

/** Shipments and invoices: get one, search. */
export const documentsRoutes: FastifyPluginAsync<RestDeps> = async (app, { ctx, auth }) => {
  const { state } = ctx;

  app.get<{ Params: IdParams }>('/shipment/:id', { preHandler: auth.require(ACL.shipments) }, async (req) => {
    const s = state.shipments.get(toId(req.params.id));
    if (!s) throw errors.entityNotFound();
    return withFields(s, req.query);
  });

  app.get('/shipments', { preHandler: auth.require(ACL.shipments) }, async (req) => {
    const query = req.query as Record<string, unknown>;
    return withFields(applySearch([...state.shipments.values()], parseSearchCriteria(query)), query);
  });

  app.get<{ Params: IdParams }>('/invoices/:id', { preHandler: auth.require(ACL.invoice) }, async (req) => {
    const inv = state.invoices.get(toId(req.params.id));
    if (!inv) throw errors.entityNotFound();
    return withFields(inv, req.query);
  });

  app.get('/invoices', { preHandler: auth.require(ACL.invoice) }, async (req) => {
    const query = req.query as Record<string, unknown>;
    return withFields(applySearch([...state.invoices.values()], parseSearchCriteria(query)), query);
  });
};
