import type { FastifyPluginAsync } from 'fastify';
import { ACL, type RestDeps } from './deps';

/** `GET /V1/store/websites|storeGroups|storeViews` (Store module repositories, admin store and website included). */
export const storesRoutes: FastifyPluginAsync<RestDeps> = async (app, { ctx, auth }) => {
  const pre = { preHandler: auth.require(ACL.stores) };
  app.get('/store/websites', pre, async () => ctx.stores.allWebsites());
  app.get('/store/storeGroups', pre, async () => ctx.stores.allGroups());
  app.get('/store/storeViews', pre, async () => ctx.stores.allStores());
};
