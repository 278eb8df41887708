import type { FastifyPluginCallback, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { TokenService } from '../auth/tokens';
import { changeCustomer, MAINTAINED_CUSTOMER_FIELDS } from '../state/customers';
import { Fulfilment, FulfilmentError } from '../state/fulfilment';
import type { M3State } from '../state/store';

export interface ActionRouteOptions {
  state: M3State;
  fulfilment: Fulfilment;
  tokens: TokenService;
}

const shipSchema = z
  .object({ trackingNumbers: z.array(z.string().min(1)).optional(), carrier: z.string().optional() })
  .strict();
const fieldsSchema = z.record(z.string().regex(/^[A-Z0-9]{4}$/), z.string());

function run(reply: FastifyReply, fn: () => unknown): unknown {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FulfilmentError) return reply.code(err.status).send({ error: err.message });
    throw err;
  }
}

/** Drive M3 like its users would: fulfilment steps, customer maintenance (items: items.route.ts, stock: stock.route.ts). */
export const actionRoutes: FastifyPluginCallback<ActionRouteOptions> = (app, { state, fulfilment, tokens }, done) => {
  app.post<{ Params: { orno: string } }>('/_control/orders/:orno/release', (req, reply) =>
    run(reply, () => fulfilment.release(req.params.orno).head),
  );
  app.post<{ Params: { orno: string } }>('/_control/orders/:orno/pick', (req, reply) =>
    run(reply, () => fulfilment.pick(req.params.orno).head),
  );
  app.post<{ Params: { orno: string } }>('/_control/orders/:orno/ship', (req, reply) => {
    const body = shipSchema.safeParse(req.body ?? {});
    if (!body.success) return reply.code(400).send({ error: body.error.message });
    const opts = body.data;
    return run(reply, () =>
      fulfilment.ship(req.params.orno, {
        ...(opts.trackingNumbers ? { trackingNumbers: opts.trackingNumbers } : {}),
        ...(opts.carrier ? { carrier: opts.carrier } : {}),
      }),
    );
  });
  app.post<{ Params: { orno: string } }>('/_control/orders/:orno/invoice', (req, reply) =>
    run(reply, () => fulfilment.invoice(req.params.orno)),
  );

  app.put<{ Params: { cuno: string } }>('/_control/customers/:cuno', (req, reply) => {
    const body = fieldsSchema.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: body.error.message });
    const maintained = Object.keys(body.data).find((f) => MAINTAINED_CUSTOMER_FIELDS.has(f));
    if (maintained) return reply.code(400).send({ error: `${maintained} is maintained by M3`, field: maintained });
    const old = state.customers.get(req.params.cuno);
    if (!old) return reply.code(404).send({ error: 'customer not found (create customers with CRS610MI Add)' });
    return changeCustomer(state, { ...old, rec: { ...old.rec, ...body.data } }, 'Change').rec;
  });

  app.post('/_control/tokens/expire', () => {
    tokens.expireAll();
    return { expired: true };
  });
  done();
};
