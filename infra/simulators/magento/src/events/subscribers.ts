import { z } from 'zod';
import { EVENT_NAMES } from './domain-events';
import { isKnownHook, isPluginMethod, PLUGIN_METHOD_NAMES } from './hooks';

const fieldSpec = z.union([
  z.string().min(1),
  z.object({ name: z.string().min(1), source: z.string().min(1).optional() }).strict(),
]);

/** Where and how events are sent. Data, switchable at run time through the control API. */
export const subscriberSchema = z
  .object({
    id: z.string().min(1).optional(),
    url: z.url(),
    /** `io-events`: Adobe I/O Events (CloudEvents); `commerce-webhook`: Adobe Commerce webhooks; `generic-webhook`: JSON + HMAC/Basic. */
    mode: z.enum(['io-events', 'commerce-webhook', 'generic-webhook']),
    /**
     * What to send (default: every `*_save_after` observer event): observer events, with or without the
     * `observer.` prefix; commerce-webhook also `plugin.*` methods (see hooks.ts).
     */
    events: z
      .array(
        z.string().refine(isKnownHook, {
          message: `unknown event: use an observer event (${EVENT_NAMES.join(', ')}), observer.<event> or one of ${PLUGIN_METHOD_NAMES.join(', ')}`,
        }),
      )
      .optional(),
    /** commerce-webhook: `before` or `after` hook; an after plugin hook's payload carries `result` (default after). */
    webhookType: z.enum(['before', 'after']).optional(),
    /**
     * The subscribed `<fields>`: paths (`increment_id`, `items[].sku`) or `{name, source}`. io-events: paths
     * in `data.value`; commerce-webhook: full paths in the hook payload (`data.order.increment_id`,
     * `order.items[].sku`). Without fields the whole payload is sent.
     */
    fields: z.array(fieldSpec).optional(),
    /** `db`: DB-style strings (`"58.0400"`); `json`: REST types. Default: db for io-events, json otherwise. */
    values: z.enum(['db', 'json']).optional(),
    /** generic-webhook: shared secret for `x-webhook-signature: sha256=<hex>`. */
    secret: z.string().min(1).optional(),
    /** generic-webhook: HTTP Basic credentials. */
    basicAuth: z.object({ username: z.string(), password: z.string() }).optional(),
    /** Extra headers (e.g. `Authorization: Bearer …` as configured on a Commerce webhook). */
    headers: z.record(z.string(), z.string()).optional(),
  })
  .strict()
  .refine((s) => s.mode === 'commerce-webhook' || !(s.events ?? []).some(isPluginMethod), {
    message: 'plugin.* methods are Commerce webhooks only (mode commerce-webhook)',
    path: ['events'],
  });

export type SubscriberInput = z.infer<typeof subscriberSchema>;
export type Subscriber = SubscriberInput & { id: string };
export type DeliveryMode = Subscriber['mode'];

/** Every `*_save_after` observer event (not the place, commit, registration and delete events). */
export const DEFAULT_EVENTS: readonly string[] = EVENT_NAMES.filter((e) => e.endsWith('_save_after'));

/** Misbehaviour of the event sender (data, switchable at run time). The senders' own retry rules: delivery-policy.ts. */
export const deliveryOptionsSchema = z
  .object({
    /** Share of events sent twice (same event id). */
    duplicateRate: z.number().min(0).max(1).default(0),
    /** Share of events never sent (still visible in REST, so a poller must catch them). */
    dropRate: z.number().min(0).max(1).default(0),
    /** Share of events held back `reorderDelayMs` so that later ones overtake them. */
    reorderRate: z.number().min(0).max(1).default(0),
    reorderDelayMs: z.number().int().min(0).default(200),
    /**
     * Cap on attempts per delivery (first try included). Unset: each sender's own rule — Commerce webhooks 1
     * (always; never redelivered), I/O Events as many as its 24 h schedule allows, generic webhooks 5.
     */
    maxAttempts: z.number().int().min(1).optional(),
    /** generic-webhook: backoff before retry n is `retryBackoffMs * 2^(n-1)`. */
    retryBackoffMs: z.number().int().min(0).default(500),
    /** Per attempt. Unset: 10 000 for I/O Events (its documented timeout), 5 000 otherwise. */
    timeoutMs: z.number().int().min(1).optional(),
    /** Multiplies Adobe I/O Events' real retry schedule and registration windows (1 = real time). */
    timeScale: z.number().positive().max(1).default(1),
  })
  .strict();

export type DeliveryOptions = z.infer<typeof deliveryOptionsSchema>;
export const DEFAULT_DELIVERY: DeliveryOptions = deliveryOptionsSchema.parse({});
