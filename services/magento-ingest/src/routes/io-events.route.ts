// Adobe I/O Events for Commerce: CloudEvents 1.0 JSON, `type: com.adobe.commerce.observer.<event>`, thin
// `data.value` with DB-style strings (FORMAT-NOTES 43–44). Authenticated by Adobe's digital signatures
// (`x-adobe-digital-signature-1|2`, RSA-SHA256 over the raw body, public keys configured) and/or a bearer
// token the deployment configures. GET ?challenge= answers Adobe's webhook registration check.
// The type names the registry entity (an order, a customer, an address's customer); event types not handled
// here, records Magento does not have and records that cannot be mapped are 200 `{status:"ignored"}`: I/O
// Events retries every non-2xx for 24 h and disables a registration that keeps failing (FORMAT-NOTES 47,
// answers.ts); the poller catches such records once readable.
import type { KeyObject } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { handledNames, type Registry } from '../entities/registry';
import { verifyBearer, verifyIoEventSignature } from '../auth/signatures';
import { ioEventsAnswers } from './answers';
import { registerEndpoint, type EndpointCommon } from './endpoint';
import { deliveryOf, field, header, routeOf, timeOf, unwrap, validate } from './payload';

export const IO_EVENTS_PATH = '/events/adobe-io';

export interface IoEventsRouteOptions extends EndpointCommon {
  registry: Registry;
  publicKeys?: KeyObject[];
  token?: string;
}

const cloudEvent = z.looseObject({
  specversion: z.literal('1.0'),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  time: z.string().optional(),
  data: z.looseObject({ value: z.record(z.string(), z.unknown()) }),
});

export const ioEventsRoute: FastifyPluginAsync<IoEventsRouteOptions> = async (app, o) => {
  app.get<{ Querystring: { challenge?: string } }>(IO_EVENTS_PATH, async (req, reply) => {
    const challenge = req.query.challenge;
    if (!challenge || !/^[\w.-]{1,256}$/.test(challenge))
      return reply.code(400).send({ error: 'invalid', message: 'expected ?challenge=<token>' });
    return { challenge };
  });

  registerEndpoint(app, {
    ...o,
    urls: [IO_EVENTS_PATH],
    source: 'io-events',
    contentTypes: ['application/json', 'application/cloudevents+json'],
    authenticate({ headers: h, raw }) {
      if (o.publicKeys?.length) {
        const sigs = [header(h, 'x-adobe-digital-signature-1'), header(h, 'x-adobe-digital-signature-2')];
        if (sigs.every((s) => !s)) return { message: 'missing x-adobe-digital-signature-1/-2' };
        if (!verifyIoEventSignature(o.publicKeys, raw, sigs)) return { message: 'invalid x-adobe-digital-signature' };
      }
      if (o.token !== undefined && !verifyBearer(o.token, header(h, 'authorization')))
        return { message: 'missing or wrong bearer token' };
      return undefined;
    },
    eventOf: (body) => field(body, 'type'),
    eventField: 'body.type',
    handled: handledNames(o.registry.io),
    toDelivery(body, type, _req, receivedAt) {
      const route = routeOf(o.registry.io, type);
      const e = validate(cloudEvent, body, 'CloudEvent');
      return deliveryOf(route, unwrap(route, e.data.value), 'data.value', {
        source: 'io-events',
        eventName: route.eventName,
        eventId: e.id,
        occurredAt: timeOf(e.time, receivedAt),
        receivedAt,
      });
    },
    answer: ioEventsAnswers,
  });
};
