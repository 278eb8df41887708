// Generic JSON webhooks (`{event, id, occurredAt, entity, data}`): HMAC-SHA256 of the raw body in
// `x-webhook-signature: sha256=<hex>` and/or HTTP Basic (Mageplaza-style modules send Basic only, FORMAT-NOTES 45).
// Every configured method must pass. An order Magento does not have is a 422 `not_found` naming it.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { verifyBasic, verifyHmacSha256 } from '../auth/signatures';
import { ORDER_EVENTS } from '../ingest/delivery';
import { registerEndpoint, Rejection, type EndpointCommon } from './endpoint';
import { bodyId, header, refOf, timeOf, unsupported, validate } from './payload';

export const GENERIC_WEBHOOK_PATH = '/webhooks/generic';
export const HMAC_HEADER = 'x-webhook-signature';

export interface GenericWebhookRouteOptions extends EndpointCommon {
  hmacSecret?: string;
  basic?: { user: string; password: string };
}

const genericPayload = z.looseObject({
  event: z.string().min(1).optional(),
  id: z.string().min(1).optional(),
  occurredAt: z.string().optional(),
  entity: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});

export const genericWebhookRoute: FastifyPluginAsync<GenericWebhookRouteOptions> = async (app, o) => {
  registerEndpoint(app, {
    ...o,
    url: GENERIC_WEBHOOK_PATH,
    source: 'generic-webhook',
    contentTypes: ['application/json'],
    authenticate(h, raw) {
      if (o.hmacSecret !== undefined) {
        const sig = header(h, HMAC_HEADER);
        if (!sig) return `missing ${HMAC_HEADER}`;
        if (!verifyHmacSha256(o.hmacSecret, raw, sig)) return `invalid ${HMAC_HEADER}`;
      }
      if (o.basic && !verifyBasic(o.basic.user, o.basic.password, header(h, 'authorization')))
        return 'missing or wrong Basic credentials';
      return undefined;
    },
    toDelivery(body, h, raw, receivedAt) {
      const p = validate(genericPayload, body, 'webhook payload');
      const event = p.event ?? header(h, 'x-webhook-event');
      if (!event) throw new Rejection(400, 'invalid', 'no event name (body.event or x-webhook-event)');
      if ((p.entity !== undefined && p.entity !== 'order') || !ORDER_EVENTS.includes(event))
        throw unsupported(p.entity ? `${p.entity}/${event}` : event, ORDER_EVENTS);
      return {
        source: 'generic-webhook',
        eventName: event,
        eventId: p.id ?? header(h, 'x-webhook-id') ?? bodyId(raw),
        occurredAt: timeOf(p.occurredAt ?? header(h, 'x-webhook-timestamp'), receivedAt),
        receivedAt,
        ref: refOf(p.data, 'data'),
        payload: p.data,
      };
    },
    success: (r) => ({ status: r.outcome, incrementId: r.incrementId }),
    failure: (reason, message) => ({ error: reason, message }),
    notFound: (message) => ({ status: 422, body: { error: 'not_found', message } }),
  });
};
