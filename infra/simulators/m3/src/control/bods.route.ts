import type { FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import { deliveryOptionsSchema, subscriberSchema } from '../bod/delivery-options';
import type { BodPublisher } from '../bod/publisher';

/** Subscribers, delivery misbehaviour and the log of sent BODs (`/_control/bods...`). */
export const bodRoutes: FastifyPluginCallback<{ publisher: BodPublisher }> = (app, { publisher }, done) => {
  app.get<{ Querystring: { noun?: string; documentId?: string } }>('/_control/bods', (req) =>
    publisher.log({
      ...(req.query.noun ? { noun: req.query.noun } : {}),
      ...(req.query.documentId ? { documentId: req.query.documentId } : {}),
    }),
  );
  app.get<{ Params: { bodId: string } }>('/_control/bods/:bodId/xml', (req, reply) => {
    const bod = publisher.bod(req.params.bodId);
    return bod
      ? reply.type('application/xml; charset=utf-8').send(bod.xml)
      : reply.code(404).send({ error: 'unknown BODID' });
  });
  app.get('/_control/bods/subscribers', () => publisher.getSubscribers());
  app.put('/_control/bods/subscribers', (req, reply) => {
    const parsed = z.array(subscriberSchema).safeParse(req.body);
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.message });
    publisher.setSubscribers(parsed.data);
    return publisher.getSubscribers();
  });
  app.get('/_control/bods/delivery', () => publisher.getDelivery());
  app.put('/_control/bods/delivery', (req, reply) => {
    const parsed = deliveryOptionsSchema.safeParse(req.body ?? {});
    if (!parsed.success) return reply.code(400).send({ error: parsed.error.message });
    publisher.setDelivery(parsed.data);
    return publisher.getDelivery();
  });
  app.post('/_control/bods/flush', () => {
    publisher.flush();
    return { flushed: true };
  });
  done();
};
