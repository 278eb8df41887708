import type { FastifyPluginAsync } from 'fastify';
import { MagentoError } from '../http/errors';
import { normalizeInput } from '../http/input-keys';
import { omitNulls } from '../http/omit-nulls';
import { adminTokenRoutes } from './admin-token.route';
import { bulkStatusRoutes, bulkSubmitRoutes } from './bulk.route';
import { customersRoutes } from './customers.route';
import { BULK_CONSUMER_STORE, type RestDeps } from './deps';
import { documentsRoutes } from './documents.route';
import { inventoryRoutes } from './inventory.route';
import { ordersRoutes } from './orders.route';
import { categoriesRoutes } from './categories.route';
import { productWebsitesRoutes } from './product-websites.route';
import { productsRoutes } from './products.route';
import { stocksRoutes } from './stocks.route';
import { storesRoutes } from './stores.route';

export type RestApiOptions = RestDeps;

export { BULK_CONSUMER_STORE } from './deps';

const v1: FastifyPluginAsync<RestApiOptions> = async (
  app,
  { prefix: _prefix, ...opts }: RestApiOptions & { prefix?: string },
) => {
  const stores = new Set(['all', 'admin', BULK_CONSUMER_STORE, ...opts.ctx.stores.codes()]);
  app.addHook('onRequest', async (req) => {
    const store = (req.params as { store?: string }).store;
    if (store !== undefined && !stores.has(store))
      throw new MagentoError(404, "The store that was requested wasn't found. Verify the store and try again.");
  });
  app.addHook('preValidation', async (req) => {
    req.body = normalizeInput(req.body);
  });
  app.addHook('preSerialization', async (_req, reply, payload) =>
    reply.statusCode < 400 ? omitNulls(payload) : payload,
  );
  for (const routes of [
    adminTokenRoutes,
    ordersRoutes,
    documentsRoutes,
    customersRoutes,
    productsRoutes,
    productWebsitesRoutes,
    categoriesRoutes,
    storesRoutes,
    inventoryRoutes,
    stocksRoutes,
    bulkStatusRoutes,
  ]) {
    await app.register(routes, opts);
  }
};

const bulk: FastifyPluginAsync<RestApiOptions> = async (
  app,
  { prefix: _prefix, ...opts }: RestApiOptions & { prefix?: string },
) => {
  await app.register(bulkSubmitRoutes, opts);
};

/** Magento's REST API under `/rest/V1`, `/rest/{store}/V1` and the async bulk prefixes. */
export const restApi: FastifyPluginAsync<RestApiOptions> = async (app, opts) => {
  await app.register(v1, { ...opts, prefix: '/rest/V1' });
  await app.register(v1, { ...opts, prefix: '/rest/:store/V1' });
  await app.register(bulk, { ...opts, prefix: '/rest/async/bulk/V1' });
  await app.register(bulk, { ...opts, prefix: '/rest/:store/async/bulk/V1' });
};
