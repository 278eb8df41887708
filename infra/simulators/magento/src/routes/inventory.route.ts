import type { FastifyPluginAsync } from 'fastify';
import { deleteSourceItems, getSource, saveSource, saveSourceItems } from '../domain/inventory';
import { errors } from '../http/errors';
import type { Source } from '../state/types';
import { applySearch } from '../search/apply';
import { parseSearchCriteria } from '../search/criteria';
import { withFields } from '../search/fields';
import { ACL, type RestDeps } from './deps';

/** MSI: source items (save, search, delete) and sources. */
export const inventoryRoutes: FastifyPluginAsync<RestDeps> = async (app, { ctx, auth }) => {
  const items = { preHandler: auth.require(ACL.sourceItems) };
  const sources = { preHandler: auth.require(ACL.sources) };

  app.post<{ Body: { sourceItems?: unknown } | null }>('/inventory/source-items', items, async (req) => {
    saveSourceItems(ctx, req.body?.sourceItems);
    return [];
  });

  app.get('/inventory/source-items', items, async (req) => {
    const query = req.query as Record<string, unknown>;
    return withFields(applySearch([...ctx.state.sourceItems.values()], parseSearchCriteria(query)), query);
  });

  app.post<{ Body: { sourceItems?: unknown } | null }>('/inventory/source-items-delete', items, async (req) => {
    deleteSourceItems(ctx, req.body?.sourceItems);
    return [];
  });

  app.get('/inventory/sources', sources, async (req) => {
    const query = req.query as Record<string, unknown>;
    return withFields(applySearch([...ctx.state.sources.values()], parseSearchCriteria(query)), query);
  });

  app.get<{ Params: { code: string } }>('/inventory/sources/:code', sources, async (req) =>
    getSource(ctx, req.params.code),
  );

  app.post<{ Body: { source?: Partial<Source> } | null }>('/inventory/sources', sources, async (req) => {
    if (!req.body?.source) throw errors.required('source');
    saveSource(ctx, req.body.source);
    return [];
  });

  app.put<{ Params: { code: string }; Body: { source?: Partial<Source> } | null }>(
    '/inventory/sources/:code',
    sources,
    async (req) => {
      if (!req.body?.source) throw errors.required('source');
      saveSource(ctx, req.body.source, req.params.code);
      return [];
    },
  );
};
