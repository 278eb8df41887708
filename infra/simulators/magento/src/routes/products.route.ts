import type { FastifyPluginAsync } from 'fastify';
import { getProduct, getProductAt, saveProduct, updateStockItem, type ProductInput } from '../domain/catalog';
import { productView } from '../domain/product-scope';
import { errors } from '../http/errors';
import type { StockItem } from '../state/types';
import { applySearch } from '../search/apply';
import { productsBySku } from '../search/by-sku';
import { parseSearchCriteria } from '../search/criteria';
import { withFields } from '../search/fields';
import { ACL, requestScope, toId, type RestDeps } from './deps';

type SkuParams = { sku: string };

/**
 * Products (get by sku, search, create, update) and legacy stock items. Reads answer the request's store view
 * (its values over the global ones; `all` → global), writes land per attribute scope (domain/product-writes.ts).
 */
export const productsRoutes: FastifyPluginAsync<RestDeps> = async (app, { ctx, auth }) => {
  const pre = { preHandler: auth.require(ACL.products) };

  app.get('/products', pre, async (req) => {
    const query = req.query as Record<string, unknown>;
    const { storeId } = requestScope(ctx, req);
    const criteria = parseSearchCriteria(query);
    const views = productsBySku(ctx.state, criteria).map((p) => productView(ctx.state, p, storeId));
    return withFields(applySearch(views, criteria), query);
  });

  app.get<{ Params: SkuParams }>('/products/:sku', pre, async (req) =>
    withFields(getProductAt(ctx, req.params.sku, requestScope(ctx, req)), req.query),
  );

  app.post<{ Body: { product?: ProductInput } | null }>('/products', pre, async (req) => {
    const input = req.body?.product;
    if (!input || typeof input !== 'object') throw errors.required('product');
    return saveProduct(ctx, input, { scope: requestScope(ctx, req) });
  });

  app.put<{ Params: SkuParams; Body: { product?: ProductInput } | null }>('/products/:sku', pre, async (req) => {
    const input = req.body?.product;
    if (!input || typeof input !== 'object') throw errors.required('product');
    return saveProduct(ctx, input, { pathSku: req.params.sku, scope: requestScope(ctx, req) });
  });

  const stockPre = { preHandler: auth.require(ACL.stock) };

  app.put<{ Params: SkuParams & { itemId: string }; Body: { stockItem?: Partial<StockItem> } | null }>(
    '/products/:sku/stockItems/:itemId',
    stockPre,
    async (req) => {
      const input = req.body?.stockItem;
      if (!input || typeof input !== 'object') throw errors.required('stockItem');
      return updateStockItem(ctx, req.params.sku, toId(req.params.itemId), input);
    },
  );

  app.get<{ Params: SkuParams }>(
    '/stockItems/:sku',
    stockPre,
    async (req) => getProduct(ctx, req.params.sku).extension_attributes.stock_item,
  );
};
