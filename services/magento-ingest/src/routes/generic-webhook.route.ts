// Generic JSON webhooks (`{event, id, occurredAt, entity, data}`): HMAC-SHA256 of the raw body in
// `x-webhook-signature: sha256=<hex>` and/or user credentials, sent as HTTP Basic or HTTP Digest (RFC 7616;
// Mageplaza-style modules send one of these two, with no signature, FORMAT-NOTES 45, 52; auth/digest.ts).
// Every configured method must pass; a 401 carries the `WWW-Authenticate` challenges of both schemes.
// The event names the registry entity (`entity`, when sent, must be that entity or the event's object, e.g.
// `customer_address`). Answered with precise statuses (answers.ts): a record Magento does not have is a 422
// `not_found` naming it.
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { digestChallenges, verifyDigest, type DigestSettings } from '../auth/digest';
import { verifyBasic, verifyHmacSha256 } from '../auth/signatures';
import { handledNames, type Registry } from '../entities/registry';
import { genericAnswers } from './answers';
import { registerEndpoint, type Denial, type EndpointCommon, type RequestParts } from './endpoint';
import { bodyId, deliveryOf, field, header, routeOf, timeOf, unwrap, validate } from './payload';

export const GENERIC_WEBHOOK_PATH = '/webhooks/generic';
export const HMAC_HEADER = 'x-webhook-signature';

export interface GenericWebhookRouteOptions extends EndpointCommon {
  registry: Registry;
  hmacSecret?: string;
  /** User credentials, accepted as Basic or Digest. */
  credentials?: DigestSettings;
}

const genericPayload = z.looseObject({
  id: z.string().min(1).optional(),
  occurredAt: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});

function checkCredentials(c: DigestSettings, req: RequestParts, now: number): Denial | undefined {
  const authorization = header(req.headers, 'authorization');
  const scheme = /^\s*(\w+)/.exec(authorization ?? '')?.[1]?.toLowerCase();
  if (scheme === 'basic' && verifyBasic(c.user, c.password, authorization)) return undefined;
  if (scheme === 'digest') {
    const v = verifyDigest(c, { method: req.method, url: req.url, authorization, now });
    if (v.ok) return undefined;
    return { message: v.reason, challenges: [...digestChallenges(c, now, v.stale), `Basic realm="${c.realm}"`] };
  }
  return {
    message: scheme === 'basic' ? 'wrong Basic credentials' : 'missing Basic or Digest credentials',
    challenges: [...digestChallenges(c, now), `Basic realm="${c.realm}"`],
  };
}

export const genericWebhookRoute: FastifyPluginAsync<GenericWebhookRouteOptions> = async (app, o) => {
  registerEndpoint(app, {
    ...o,
    urls: [GENERIC_WEBHOOK_PATH],
    source: 'generic-webhook',
    contentTypes: ['application/json'],
    authenticate(req) {
      if (o.hmacSecret !== undefined) {
        const sig = header(req.headers, HMAC_HEADER);
        if (!sig) return { message: `missing ${HMAC_HEADER}` };
        if (!verifyHmacSha256(o.hmacSecret, req.raw, sig)) return { message: `invalid ${HMAC_HEADER}` };
      }
      return o.credentials ? checkCredentials(o.credentials, req, o.now()) : undefined;
    },
    eventOf(body, { headers }) {
      const event = field(body, 'event') ?? header(headers, 'x-webhook-event');
      const entity = field(body, 'entity');
      if (event === undefined || entity === undefined) return event;
      // An event of another entity than the one named is not this event (e.g. `product/save_after`).
      const route = o.registry.generic.get(event);
      return route && (entity === route.entity.name || entity === route.object) ? event : `${entity}/${event}`;
    },
    eventField: 'body.event or header x-webhook-event',
    handled: handledNames(o.registry.generic),
    toDelivery(body, event, { headers, raw }, receivedAt) {
      const route = routeOf(o.registry.generic, event);
      const p = validate(genericPayload, body, 'webhook payload');
      return deliveryOf(route, unwrap(route, p.data), 'data', {
        source: 'generic-webhook',
        eventName: event,
        eventId: p.id ?? header(headers, 'x-webhook-id') ?? bodyId(raw),
        occurredAt: timeOf(p.occurredAt ?? header(headers, 'x-webhook-timestamp'), receivedAt),
        receivedAt,
      });
    },
    answer: genericAnswers,
  });
};
