// Adobe Commerce webhooks (observer hooks): `{subject, eventName, data:{order}}` signed in
// `x-adobe-commerce-webhook-signature` (base64 RSA-SHA256 over the base64-encoded raw body, FORMAT-NOTES
// 38–42). Answers 200 `{"op":"success"}`; on failure `{"op":"exception","message"}` with a precise status.
// An order Magento does not have is 200 `{"op":"success"}`: an after-hook must never block the store action,
// and Commerce never calls a hook again (FORMAT-NOTES 46); the poller catches the order once it is readable.
import type { KeyObject } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { verifyCommerceWebhook } from '../auth/signatures';
import { ORDER_EVENTS } from '../ingest/delivery';
import { registerEndpoint, type EndpointCommon } from './endpoint';
import { bodyId, header, refOf, unsupported, validate } from './payload';

export const COMMERCE_WEBHOOK_PATH = '/webhooks/adobe-commerce';
export const SIGNATURE_HEADER = 'x-adobe-commerce-webhook-signature';

export interface CommerceWebhookRouteOptions extends EndpointCommon {
  publicKeys: KeyObject[];
}

const observerPayload = z.looseObject({
  eventName: z.string().min(1),
  data: z.looseObject({ order: z.record(z.string(), z.unknown()) }),
});

export const commerceWebhookRoute: FastifyPluginAsync<CommerceWebhookRouteOptions> = async (app, o) => {
  registerEndpoint(app, {
    ...o,
    url: COMMERCE_WEBHOOK_PATH,
    source: 'commerce-webhook',
    contentTypes: ['application/json'],
    authenticate(h, raw) {
      const signature = header(h, SIGNATURE_HEADER);
      if (!signature) return `missing ${SIGNATURE_HEADER}`;
      return verifyCommerceWebhook(o.publicKeys, raw, signature) ? undefined : `invalid ${SIGNATURE_HEADER}`;
    },
    toDelivery(body, _h, raw, receivedAt) {
      const p = validate(observerPayload, body, 'Commerce observer webhook payload');
      const event = p.eventName.replace(/^observer\./, '');
      if (!ORDER_EVENTS.includes(event)) throw unsupported(p.eventName, ORDER_EVENTS);
      return {
        source: 'commerce-webhook',
        eventName: event,
        // Commerce webhooks carry no delivery id: a repeated delivery repeats the body.
        eventId: bodyId(raw),
        occurredAt: receivedAt,
        receivedAt,
        ref: refOf(p.data.order, 'data.order'),
        payload: p.data.order,
      };
    },
    success: () => ({ op: 'success' }),
    failure: (_reason, message) => ({ op: 'exception', message }),
    notFound: () => ({ status: 200, body: { op: 'success' } }),
  });
};
