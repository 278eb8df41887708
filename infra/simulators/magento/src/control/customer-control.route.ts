import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { DomainContext } from '../domain/context';
import { registerCustomer, saveAddress, saveCustomer } from '../domain/customers';
import { toId } from '../routes/deps';

export interface CustomerControlOptions {
  ctx: DomainContext;
}

const object = z.record(z.string(), z.unknown());
const customerBody = z.object({ customer: object }).strict();
const addressBody = z.object({ address: object }).strict();

/**
 * Test hooks on customers, the changes REST does not make: a shopper registering in the storefront (its save
 * events and `customer_register_success`), a shopper or admin editing the account (the save events), and a
 * shopper adding or editing one address in the address book (`customer_address_save_after`; the customer's
 * `updated_at` moves only when a default address changes). Validation and errors are the REST ones.
 */
export const customerControl: FastifyPluginAsync<CustomerControlOptions> = async (app, { ctx }) => {
  const invalid = (issues: unknown) => ({ error: 'invalid request', issues });

  app.post('/_control/customers', async (req, reply) => {
    const parsed = customerBody.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(invalid(parsed.error.issues));
    return reply.code(201).send(registerCustomer(ctx, parsed.data.customer));
  });

  app.put<{ Params: { id: string } }>('/_control/customers/:id', async (req, reply) => {
    const parsed = customerBody.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(invalid(parsed.error.issues));
    return saveCustomer(ctx, parsed.data.customer, toId(req.params.id));
  });

  app.post<{ Params: { id: string } }>('/_control/customers/:id/addresses', async (req, reply) => {
    const parsed = addressBody.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(invalid(parsed.error.issues));
    const address = saveAddress(ctx, toId(req.params.id), parsed.data.address);
    return reply.code(201).send(address);
  });
};
