// Adobe I/O Events for Commerce: CloudEvents 1.0 JSON, `type: com.adobe.commerce.observer.<event>`, thin
// `data.value` with DB-style strings (FORMAT-NOTES 43–44). Authenticated by Adobe's digital signatures
// (`x-adobe-digital-signature-1|2`, RSA-SHA256 over the raw body, public keys configured) and/or a bearer
// token the deployment configures. GET ?challenge= answers Adobe's webhook registration check.
// An order Magento does not have is 200 `{status:"ignored"}`: I/O Events retries every non-2xx for 24 h and
// disables a registration that keeps failing (FORMAT-NOTES 47); the poller catches the order once readable.
import type { KeyObject } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { ORDER_EVENTS } from '../ingest/delivery';
import { verifyBearer, verifyIoEventSignature } from '../auth/signatures';
import { registerEndpoint, type EndpointCommon } from './endpoint';
import { header, refOf, timeOf, unsupported, validate } from './payload';

export const IO_EVENTS_PATH = '/events/adobe-io';
const TYPE_PREFIX = 'com.adobe.commerce.observer.';

export interface IoEventsRouteOptions extends EndpointCommon {
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
    url: IO_EVENTS_PATH,
    source: 'io-events',
    contentTypes: ['application/json', 'application/cloudevents+json'],
    authenticate(h, raw) {
      if (o.publicKeys?.length) {
        const sigs = [header(h, 'x-adobe-digital-signature-1'), header(h, 'x-adobe-digital-signature-2')];
        if (sigs.every((s) => !s)) return 'missing x-adobe-digital-signature-1/-2';
        if (!verifyIoEventSignature(o.publicKeys, raw, sigs)) return 'invalid x-adobe-digital-signature';
      }
      if (o.token !== undefined && !verifyBearer(o.token, header(h, 'authorization')))
        return 'missing or wrong bearer token';
      return undefined;
    },
    toDelivery(body, _h, _raw, receivedAt) {
      const e = validate(cloudEvent, body, 'CloudEvent');
      const event = e.type.startsWith(TYPE_PREFIX) ? e.type.slice(TYPE_PREFIX.length) : e.type;
      if (!e.type.startsWith(TYPE_PREFIX) || !ORDER_EVENTS.includes(event))
        throw unsupported(
          e.type,
          ORDER_EVENTS.map((n) => TYPE_PREFIX + n),
        );
      return {
        source: 'io-events',
        eventName: event,
        eventId: e.id,
        occurredAt: timeOf(e.time, receivedAt),
        receivedAt,
        ref: refOf(e.data.value, 'data.value'),
        payload: e.data.value,
      };
    },
    success: (r) => ({ status: r.outcome, incrementId: r.incrementId }),
    failure: (reason, message) => ({ error: reason, message }),
    notFound: (message) => ({ status: 200, body: { status: 'ignored', reason: 'not_found', message } }),
  });
};
