import type { FastifyPluginAsync } from 'fastify';
import {
  assignProduct,
  categoryTree,
  categoryView,
  getCategory,
  productsOf,
  removeProduct,
  saveCategory,
  type CategoryInput,
} from '../domain/categories';
import { errors } from '../http/errors';
import { applySearch } from '../search/apply';
import { parseSearchCriteria } from '../search/criteria';
import { withFields } from '../search/fields';
import { ACL, requestScope, toId, type RestDeps } from './deps';

type CategoryBody = { category?: CategoryInput } | null;
type LinkBody = { productLink?: { sku?: string; position?: number; category_id?: string | number } } | null;

/** Categories (tree, list, get, create, update) and their product links. */
export const categoriesRoutes: FastifyPluginAsync<RestDeps> = async (app, { ctx, auth }) => {
  const pre = { preHandler: auth.require(ACL.categories) };

  app.get<{ Querystring: { rootCategoryId?: string; depth?: string } }>('/categories', pre, async (req) => {
    const { rootCategoryId, depth } = req.query;
    return categoryTree(
      ctx,
      requestScope(ctx, req),
      rootCategoryId === undefined ? undefined : toId(rootCategoryId),
      depth === undefined ? undefined : Number(depth),
    );
  });

  app.get('/categories/list', pre, async (req) => {
    const query = req.query as Record<string, unknown>;
    const views = [...ctx.state.categories.values()].map((c) => categoryView(ctx, c));
    return withFields(applySearch(views, parseSearchCriteria(query)), query);
  });

  app.get<{ Params: { id: string } }>('/categories/:id', pre, async (req) =>
    withFields(categoryView(ctx, getCategory(ctx, toId(req.params.id))), req.query),
  );

  app.post<{ Body: CategoryBody }>('/categories', pre, async (req) => {
    const input = req.body?.category;
    if (!input || typeof input !== 'object') throw errors.required('category');
    return saveCategory(ctx, input, requestScope(ctx, req));
  });

  app.put<{ Params: { id: string }; Body: CategoryBody }>('/categories/:id', pre, async (req) => {
    const input = req.body?.category;
    if (!input || typeof input !== 'object') throw errors.required('category');
    return saveCategory(ctx, input, requestScope(ctx, req), toId(req.params.id));
  });

  app.get<{ Params: { categoryId: string } }>('/categories/:categoryId/products', pre, async (req) => {
    const id = toId(req.params.categoryId);
    getCategory(ctx, id);
    return productsOf(ctx, id);
  });

  const link = async (req: { params: { categoryId: string }; body: LinkBody }) => {
    const l = req.body?.productLink;
    if (!l || typeof l !== 'object') throw errors.required('productLink');
    if (typeof l.sku !== 'string' || l.sku === '') throw errors.required('sku');
    const categoryId = l.category_id !== undefined ? toId(String(l.category_id)) : toId(req.params.categoryId);
    return assignProduct(ctx, categoryId, l.sku, Number(l.position ?? 0) || 0);
  };
  app.post<{ Params: { categoryId: string }; Body: LinkBody }>('/categories/:categoryId/products', pre, link);
  app.put<{ Params: { categoryId: string }; Body: LinkBody }>('/categories/:categoryId/products', pre, link);

  app.delete<{ Params: { categoryId: string; sku: string } }>(
    '/categories/:categoryId/products/:sku',
    pre,
    async (req) => removeProduct(ctx, toId(req.params.categoryId), req.params.sku),
  );
};
