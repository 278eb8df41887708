import type { FastifyPluginAsync } from 'fastify';
import { salableQty } from '../domain/reservations';
import { getStock, saveStock, saveStockSourceLinks, stockForChannel, type StockInput } from '../domain/stocks';
import { errors } from '../http/errors';
import { applySearch } from '../search/apply';
import { parseSearchCriteria } from '../search/criteria';
import { withFields } from '../search/fields';
import { ACL, toId, type RestDeps } from './deps';

type StockBody = { stock?: StockInput } | null;

/** MSI stocks, stock-source links, the stock resolver and the salable quantity. */
export const stocksRoutes: FastifyPluginAsync<RestDeps> = async (app, { ctx, auth }) => {
  const stocks = { preHandler: auth.require(ACL.stocks) };
  const links = { preHandler: auth.require(ACL.stockSourceLinks) };

  app.get('/inventory/stocks', stocks, async (req) => {
    const query = req.query as Record<string, unknown>;
    return withFields(applySearch([...ctx.state.stocks.values()], parseSearchCriteria(query)), query);
  });

  app.get<{ Params: { stockId: string } }>('/inventory/stocks/:stockId', stocks, async (req) =>
    getStock(ctx, toId(req.params.stockId)),
  );

  app.post<{ Body: StockBody }>('/inventory/stocks', stocks, async (req) => {
    if (!req.body?.stock || typeof req.body.stock !== 'object') throw errors.required('stock');
    return saveStock(ctx, req.body.stock);
  });

  app.put<{ Params: { stockId: string }; Body: StockBody }>('/inventory/stocks/:stockId', stocks, async (req) => {
    if (!req.body?.stock || typeof req.body.stock !== 'object') throw errors.required('stock');
    return saveStock(ctx, req.body.stock, toId(req.params.stockId));
  });

  app.post<{ Body: { links?: unknown } | null }>('/inventory/stock-source-links', links, async (req) => {
    if (req.body?.links === undefined) throw errors.required('links');
    saveStockSourceLinks(ctx, req.body.links);
    return [];
  });

  app.get('/inventory/stock-source-links', links, async (req) => {
    const query = req.query as Record<string, unknown>;
    return withFields(applySearch([...ctx.state.stockSourceLinks.values()], parseSearchCriteria(query)), query);
  });

  app.get<{ Params: { type: string; code: string } }>('/inventory/stock-resolver/:type/:code', stocks, async (req) =>
    stockForChannel(ctx, req.params.type, req.params.code),
  );

  app.get<{ Params: { sku: string; stockId: string } }>(
    '/inventory/get-product-salable-quantity/:sku/:stockId',
    stocks,
    async (req) => salableQty(ctx, req.params.sku, toId(req.params.stockId)),
  );
};
