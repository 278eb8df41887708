import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { EventDispatcher } from '../events/dispatcher';
import type { EventConfig } from '../events/registry';
import type { TrafficGenerator } from '../seed/traffic';
import type { MagentoState } from '../state/store';
import type { RandomOrderOptions } from '../seed/generate';
import type { Order } from '../state/types';

export interface MagentoControlOptions {
  info: () => Record<string, unknown>;
  publicKeyPem: () => string;
  config: EventConfig;
  dispatcher: EventDispatcher;
  traffic: TrafficGenerator;
  state: MagentoState;
  placeOrders: (count: number, opts: RandomOrderOptions) => Order[];
  setIntegrationAsBearer: (on: boolean) => void;
}

const ordersBody = z
  .object({
    count: z.number().int().min(1).max(10_000).default(1),
    guest: z.boolean().optional(),
    // The street as a shopper typed it (Magento: 1–20 lines, customer/address/street_lines).
    street: z.array(z.string().min(1).max(255)).min(1).max(20).optional(),
  })
  .strict();
const trafficBody = z
  .object({ ratePerSecond: z.number().positive().max(10_000), durationSeconds: z.number().positive() })
  .strict();
const settingsBody = z.object({ integrationAsBearer: z.boolean() }).strict();
const registrationBody = z.object({ status: z.enum(['ACTIVE', 'UNSTABLE', 'DISABLED']) }).strict();

/** Magento-specific control API (the shared `/_control/profile|calls|reset` come from the common toolkit). */
export const magentoControl: FastifyPluginAsync<MagentoControlOptions> = async (app, o) => {
  const invalid = (reply: FastifyReply, err: unknown) =>
    reply.code(400).send({ error: 'invalid request', issues: err instanceof z.ZodError ? err.issues : String(err) });

  app.get('/_control/info', async () => o.info());
  app.get('/_control/webhook-public-key', async (_req, reply) =>
    reply.type('application/x-pem-file').send(o.publicKeyPem()),
  );

  app.put('/_control/settings', async (req, reply) => {
    const parsed = settingsBody.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error);
    o.setIntegrationAsBearer(parsed.data.integrationAsBearer);
    return parsed.data;
  });

  app.get('/_control/subscribers', async () => o.config.getSubscribers());
  app.post('/_control/subscribers', async (req, reply) => {
    try {
      return await reply.code(201).send(o.config.addSubscriber(req.body));
    } catch (err) {
      return invalid(reply, err);
    }
  });
  app.put('/_control/subscribers', async (req, reply) => {
    try {
      return o.config.setSubscribers(Array.isArray(req.body) ? req.body : []);
    } catch (err) {
      return invalid(reply, err);
    }
  });
  app.delete<{ Params: { id: string } }>('/_control/subscribers/:id', async (req, reply) =>
    o.config.removeSubscriber(req.params.id)
      ? { removed: true }
      : reply.code(404).send({ error: 'no such subscriber' }),
  );

  app.get('/_control/delivery', async () => o.config.getDelivery());
  app.put('/_control/delivery', async (req, reply) => {
    try {
      return o.config.setDelivery(req.body ?? {});
    } catch (err) {
      return invalid(reply, err);
    }
  });

  app.get<{ Querystring: { subscriberId?: string; eventName?: string; outcome?: string } }>(
    '/_control/events',
    async (req) => o.dispatcher.entries(req.query),
  );

  // Adobe I/O Events registration states; PUT re-enables (or forces) one, as the Developer Console does.
  app.get('/_control/registrations', async () => o.dispatcher.registrations());
  app.put<{ Params: { id: string } }>('/_control/registrations/:id', async (req, reply) => {
    const parsed = registrationBody.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error);
    return o.dispatcher.setRegistration(req.params.id, parsed.data.status);
  });

  app.post('/_control/orders', async (req, reply) => {
    const parsed = ordersBody.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error);
    const { count, guest, street } = parsed.data;
    const orders = o.placeOrders(count, { ...(guest === undefined ? {} : { guest }), ...(street ? { street } : {}) });
    return reply
      .code(201)
      .send({ orders: orders.map((x) => ({ entity_id: x.entity_id, increment_id: x.increment_id })) });
  });

  app.get('/_control/traffic', async () => o.traffic.status());
  app.post('/_control/traffic', async (req, reply) => {
    const parsed = trafficBody.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error);
    return o.traffic.start(parsed.data.ratePerSecond, parsed.data.durationSeconds);
  });
  app.delete('/_control/traffic', async () => {
    o.traffic.stop();
    return o.traffic.status();
  });

  app.get('/_control/corruptions', async () => [...o.state.corruptions.values()]);
};
