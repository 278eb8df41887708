import { z } from 'zod';
import { EVENT_NAMES } from './domain-events';

/** Where and how events are sent. Data, switchable at run time through the control API. */
export const subscriberSchema = z
  .object({
    id: z.string().min(1).optional(),
    url: z.url(),
    /** `io-events`: Adobe I/O Events (CloudEvents); `commerce-webhook`: Adobe Commerce webhooks; `generic-webhook`: JSON + HMAC/Basic. */
    mode: z.enum(['io-events', 'commerce-webhook', 'generic-webhook']),
    /** Observer event names to send (default: every `*_save_after`). */
    events: z.array(z.enum(EVENT_NAMES)).optional(),
    /** io-events: the subscribed `<fields>` (e.g. `increment_id`, `items[].sku`); default all top-level scalars. */
    fields: z.array(z.string()).optional(),
    /** `db`: DB-style strings (`"58.0400"`); `json`: REST types. Default: db for io-events, json otherwise. */
    values: z.enum(['db', 'json']).optional(),
    /** generic-webhook: shared secret for `x-webhook-signature: sha256=<hex>`. */
    secret: z.string().min(1).optional(),
    /** generic-webhook: HTTP Basic credentials. */
    basicAuth: z.object({ username: z.string(), password: z.string() }).optional(),
    /** Extra headers (e.g. `Authorization: Bearer …` as configured on a Commerce webhook). */
    headers: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export type SubscriberInput = z.infer<typeof subscriberSchema>;
export type Subscriber = SubscriberInput & { id: string };
export type DeliveryMode = Subscriber['mode'];

export const DEFAULT_EVENTS = EVENT_NAMES.filter((e) => e !== 'sales_order_place_after');

/** Misbehaviour of the event sender (data, switchable at run time). */
export const deliveryOptionsSchema = z
  .object({
    /** Share of events sent twice (same event id). */
    duplicateRate: z.number().min(0).max(1).default(0),
    /** Share of events never sent (still visible in REST, so a poller must catch them). */
    dropRate: z.number().min(0).max(1).default(0),
    /** Share of events held back `reorderDelayMs` so that later ones overtake them. */
    reorderRate: z.number().min(0).max(1).default(0),
    reorderDelayMs: z.number().int().min(0).default(200),
    /** Attempts per delivery (first try included) before giving up. */
    maxAttempts: z.number().int().min(1).default(5),
    /** Backoff before retry n is `retryBackoffMs * 2^(n-1)`. */
    retryBackoffMs: z.number().int().min(0).default(500),
    timeoutMs: z.number().int().min(1).default(5000),
  })
  .strict();

export type DeliveryOptions = z.infer<typeof deliveryOptionsSchema>;
export const DEFAULT_DELIVERY: DeliveryOptions = deliveryOptionsSchema.parse({});
