import type { FastifyPluginAsync } from 'fastify';
import { deleteCustomer, getCustomer, saveCustomer, type CustomerInput } from '../domain/customers';
import { errors } from '../http/errors';
import { applySearch } from '../search/apply';
import { parseSearchCriteria } from '../search/criteria';
import { withFields } from '../search/fields';
import { ACL, toId, type IdParams, type RestDeps } from './deps';

type Body = { customer?: CustomerInput; password?: string } | null;

/** searchCriteria names the customer id by its column, `entity_id`; answers name it `id`. */
const SEARCH = { aliases: { entity_id: 'id' } } as const;

/** Customers: get, search, create, update, delete. */
export const customersRoutes: FastifyPluginAsync<RestDeps> = async (app, { ctx, auth }) => {
  const pre = { preHandler: auth.require(ACL.customers) };

  app.get('/customers/search', pre, async (req) => {
    const query = req.query as Record<string, unknown>;
    return withFields(applySearch([...ctx.state.customers.values()], parseSearchCriteria(query), SEARCH), query);
  });

  app.get<{ Params: IdParams }>('/customers/:id', pre, async (req) =>
    withFields(getCustomer(ctx, toId(req.params.id)), req.query),
  );

  app.post<{ Body: Body }>('/customers', pre, async (req) => {
    const input = req.body?.customer;
    if (!input || typeof input !== 'object') throw errors.required('customer');
    if (input.id !== undefined && ctx.state.customers.has(input.id))
      throw errors.badRequest('A customer with the same email address already exists in an associated website.');
    const { id: _ignored, ...rest } = input;
    return saveCustomer(ctx, rest);
  });

  app.put<{ Params: IdParams; Body: Body }>('/customers/:id', pre, async (req) => {
    const input = req.body?.customer;
    if (!input || typeof input !== 'object') throw errors.required('customer');
    return saveCustomer(ctx, input, toId(req.params.id));
  });

  // CustomerRepositoryInterface::deleteById → `true` (FORMAT-NOTES 28).
  app.delete<{ Params: IdParams }>('/customers/:id', { preHandler: auth.require(ACL.customerDelete) }, async (req) =>
    deleteCustomer(ctx, toId(req.params.id)),
  );
};
