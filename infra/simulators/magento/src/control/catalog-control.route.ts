import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { adminEditProduct, rawProduct } from '../domain/admin-edit';
import type { DomainContext } from '../domain/context';

export interface CatalogControlOptions {
  ctx: DomainContext;
}

const editBody = z
  .object({ storeId: z.number().int().min(0).optional(), values: z.record(z.string(), z.unknown()) })
  .strict();

/**
 * Test hooks on the catalogue: act as a Magento admin user editing a product (Magento-owned data a client must
 * not overwrite), read a product with its per-store values, and list MSI reservations.
 */
export const catalogControl: FastifyPluginAsync<CatalogControlOptions> = async (app, { ctx }) => {
  app.put<{ Params: { sku: string } }>('/_control/products/:sku', async (req, reply) => {
    const parsed = editBody.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: 'invalid request', issues: parsed.error.issues });
    return adminEditProduct(ctx, req.params.sku, parsed.data.storeId ?? 0, parsed.data.values);
  });

  app.get<{ Params: { sku: string } }>('/_control/products/:sku', async (req) => rawProduct(ctx, req.params.sku));

  app.get('/_control/reservations', async () => ctx.state.reservations);
};
