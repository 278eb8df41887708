import type { FastifyPluginAsync } from 'fastify';
import { changeWebsites } from '../domain/catalog';
import { assignWebsite, removeWebsite } from '../domain/product-websites';
import { MagentoError, errors } from '../http/errors';
import { ACL, requestScope, toId, type RestDeps } from './deps';

type LinkBody = { productWebsiteLink?: { sku?: string; website_id?: unknown } } | null;

/** `POST|PUT /V1/products/{sku}/websites` and `DELETE /V1/products/{sku}/websites/{websiteId}` → `true`. */
export const productWebsitesRoutes: FastifyPluginAsync<RestDeps> = async (app, { ctx, auth }) => {
  const pre = { preHandler: auth.require(ACL.products) };

  const assign = async (req: { params: { sku: string }; body: LinkBody }, scope: ReturnType<typeof requestScope>) => {
    const link = req.body?.productWebsiteLink;
    if (!link || typeof link !== 'object') throw errors.required('productWebsiteLink');
    // The service reads the link's own sku (the path's {sku} is no parameter of save()).
    const sku = typeof link.sku === 'string' && link.sku !== '' ? link.sku : req.params.sku;
    return changeWebsites(
      ctx,
      sku,
      scope,
      (p) => assignWebsite(ctx, p, link.website_id),
      (p) => new MagentoError(400, 'Could not assign product "%1" to websites "%2"', [p.id, link.website_id]),
    );
  };

  app.post<{ Params: { sku: string }; Body: LinkBody }>('/products/:sku/websites', pre, async (req) =>
    assign(req, requestScope(ctx, req)),
  );
  app.put<{ Params: { sku: string }; Body: LinkBody }>('/products/:sku/websites', pre, async (req) =>
    assign(req, requestScope(ctx, req)),
  );

  app.delete<{ Params: { sku: string; websiteId: string } }>('/products/:sku/websites/:websiteId', pre, async (req) =>
    changeWebsites(
      ctx,
      req.params.sku,
      requestScope(ctx, req),
      (p) => removeWebsite(p, toId(req.params.websiteId)),
      (p) =>
        new MagentoError(400, 'Could not save product "%1" with websites %2', [
          p.id,
          p.extension_attributes.website_ids.join(', '),
        ]),
    ),
  );
};
