// Adobe Commerce webhooks, signed in `x-adobe-commerce-webhook-signature` (base64 RSA-SHA256 over the
// base64-encoded raw body, FORMAT-NOTES 38–42). The hook is named by the body's `eventName` (observer hooks,
// `{subject, eventName, data:{order}}`) or by the last path segment, which plugin hooks need (their body holds
// the method's arguments by name: `{entity}` and, for an after-plugin, `{result}`):
// POST /webhooks/adobe-commerce/plugin.magento.sales.api.order_repository.save. Always answered 200 with op
// JSON (answers.ts: after-hooks never block the store action, Commerce never calls a hook again).
import type { KeyObject } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { verifyCommerceWebhook } from '../auth/signatures';
import { ORDER_EVENTS } from '../ingest/delivery';
import { commerceAnswers } from './answers';
import { registerEndpoint, type EndpointCommon } from './endpoint';
import { bodyId, field, header, refOf, validate } from './payload';

export const COMMERCE_WEBHOOK_PATH = '/webhooks/adobe-commerce';
export const SIGNATURE_HEADER = 'x-adobe-commerce-webhook-signature';

/** Plugin hooks on OrderRepositoryInterface::save (PaaS spelling, and SaaS without `magento.`, item 38). */
export const ORDER_SAVE_PLUGINS: readonly string[] = Object.freeze([
  'plugin.magento.sales.api.order_repository.save',
  'plugin.sales.api.order_repository.save',
]);
export const COMMERCE_HOOKS: readonly string[] = Object.freeze([
  ...ORDER_EVENTS.map((e) => `observer.${e}`),
  ...ORDER_SAVE_PLUGINS,
]);

export interface CommerceWebhookRouteOptions extends EndpointCommon {
  publicKeys: KeyObject[];
}

const order = z.record(z.string(), z.unknown());
const observerPayload = z.looseObject({ data: z.looseObject({ order }) });
// An after-plugin's body has the method's `result`; a before/around plugin has only its `entity` argument.
const pluginPayload = z
  .looseObject({ result: order.optional(), entity: order.optional() })
  .refine((p) => p.result !== undefined || p.entity !== undefined, { message: 'expected result or entity' });

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
    handled: COMMERCE_HOOKS,
    toDelivery(body, hook, { raw }, receivedAt) {
      let payload: Record<string, unknown>;
      let where: string;
      if (hook.startsWith('plugin.')) {
        const p = validate(pluginPayload, body, `Commerce ${hook} webhook payload`);
        [payload, where] = p.result !== undefined ? [p.result, 'result'] : [p.entity ?? {}, 'entity'];
      } else {
        payload = validate(observerPayload, body, 'Commerce observer webhook payload').data.order;
        where = 'data.order';
      }
      return {
        source: 'commerce-webhook',
        eventName: hook.replace(/^observer\./, ''),
        // Commerce webhooks carry no delivery id: a repeated delivery repeats the body.
        eventId: bodyId(raw),
        occurredAt: receivedAt,
        receivedAt,
        ref: refOf(payload, where),
        payload,
      };
    },
    answer: commerceAnswers,
  });
};
