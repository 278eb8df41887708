// Adobe Commerce webhooks, signed in `x-adobe-commerce-webhook-signature` (base64 RSA-SHA256 over the
// base64-encoded raw body, FORMAT-NOTES 38–42). The hook is named by the body's `eventName` (observer hooks,
// `{subject, eventName, data:{<object>}}`, e.g. `data.order`, `data.customer`, `data.customer_address`) or by
// the last path segment, which plugin hooks need (their body holds the method's arguments by name, e.g.
// `{entity}`, `{customer, passwordHash}` and, for an after-plugin, `{result}`):
// POST /webhooks/adobe-commerce/plugin.magento.sales.api.order_repository.save. The hook names the registry
// entity. Always answered 200 with op JSON (answers.ts: after-hooks never block the store action, Commerce
// never calls a hook again).
import type { KeyObject } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { verifyCommerceWebhook } from '../auth/signatures';
import { handledNames, type EventRoute, type Registry } from '../entities/registry';
import { commerceAnswers } from './answers';
import { registerEndpoint, type EndpointCommon } from './endpoint';
import { bodyId, deliveryOf, field, header, routeOf, validate } from './payload';

export const COMMERCE_WEBHOOK_PATH = '/webhooks/adobe-commerce';
export const SIGNATURE_HEADER = 'x-adobe-commerce-webhook-signature';

export interface CommerceWebhookRouteOptions extends EndpointCommon {
  registry: Registry;
  publicKeys: KeyObject[];
}

const object = z.record(z.string(), z.unknown());

/** The body shape of a hook: `data.<object>` of an observer hook, one of the arguments of a plugin hook. */
function shapeOf(route: EventRoute): z.ZodType<Record<string, unknown>> {
  if (!route.args) return z.looseObject({ data: z.looseObject({ [route.object]: object }) });
  // An after-plugin's body has the method's `result`; a before/around plugin has only its arguments.
  const args = route.args;
  return z
    .looseObject(Object.fromEntries(args.map((a) => [a, object.optional()])))
    .refine((p) => args.some((a) => p[a] !== undefined), { message: `expected ${args.join(' or ')}` });
}

const shapes = new WeakMap<EventRoute, z.ZodType<Record<string, unknown>>>();

/** The hook's object and where it was found in the body. */
function payloadOf(
  route: EventRoute,
  body: unknown,
  hook: string,
): { payload: Record<string, unknown>; where: string } {
  let shape = shapes.get(route);
  if (!shape) shapes.set(route, (shape = shapeOf(route)));
  if (!route.args) {
    const p = validate(shape, body, 'Commerce observer webhook payload') as { data: Record<string, unknown> };
    return { payload: p.data[route.object] as Record<string, unknown>, where: `data.${route.object}` };
  }
  const p = validate(shape, body, `Commerce ${hook} webhook payload`);
  const where = route.args.find((a) => p[a] !== undefined) ?? route.object;
  return { payload: p[where] as Record<string, unknown>, where };
}

export const commerceWebhookRoute: FastifyPluginAsync<CommerceWebhookRouteOptions> = async (app, o) => {
  registerEndpoint(app, {
    ...o,
    urls: [COMMERCE_WEBHOOK_PATH, `${COMMERCE_WEBHOOK_PATH}/:hook`],
    source: 'commerce-webhook',
    contentTypes: ['application/json'],
    authenticate({ headers, raw }) {
      const signature = header(headers, SIGNATURE_HEADER);
      if (!signature) return { message: `missing ${SIGNATURE_HEADER}` };
      return verifyCommerceWebhook(o.publicKeys, raw, signature)
        ? undefined
        : { message: `invalid ${SIGNATURE_HEADER}` };
    },
    eventOf(body, { params }) {
      if (params.hook) return params.hook;
      const name = field(body, 'eventName');
      return name ? `observer.${name.replace(/^observer\./, '')}` : undefined;
    },
    eventField: 'body.eventName, or the hook as the last path segment',
    handled: handledNames(o.registry.commerce),
    toDelivery(body, hook, { raw }, receivedAt) {
      const route = routeOf(o.registry.commerce, hook);
      const { payload, where } = payloadOf(route, body, hook);
      return deliveryOf(route, payload, where, {
        source: 'commerce-webhook',
        eventName: route.eventName,
        // Commerce webhooks carry no delivery id: a repeated delivery repeats the body.
        eventId: bodyId(raw),
        occurredAt: receivedAt,
        receivedAt,
      });
    },
    answer: commerceAnswers,
  });
};
