import { z } from 'zod';
import { INVENTORY_NOUNS } from '../state/types';

/** How BODs reach subscribers; data, switchable at run time (`PUT /_control/bods/delivery`). */
export const deliveryOptionsSchema = z
  .object({
    /** Each delivery waits a random 0..lateMs first (deliveries then overtake each other). */
    lateMs: z.number().min(0).optional(),
    /** Buffers `window` BODs (or maxHoldMs) and sends them shuffled, never in their original order. */
    outOfOrder: z.object({ window: z.number().int().min(2), maxHoldMs: z.number().min(0).optional() }).optional(),
    /** Share of BODs (0..1) delivered twice (same BODID). */
    duplicateRate: z.number().min(0).max(1).optional(),
    /** Retries on non-2xx or network error with exponential backoff. */
    retry: z
      .object({ baseMs: z.number().min(0), maxMs: z.number().min(0), maxAttempts: z.number().int().min(1) })
      .optional(),
  })
  .strict();

export type BodDeliveryOptions = z.infer<typeof deliveryOptionsSchema>;

export const subscriberSchema = z
  .object({
    name: z.string().optional(),
    url: z.string().url(),
    format: z.enum(['xml', 'ion-json', 'ion-json-base64']).optional(),
    auth: z
      .union([
        z.object({ bearer: z.string().min(1) }).strict(),
        z.object({ basic: z.object({ user: z.string(), password: z.string() }) }).strict(),
      ])
      .optional(),
    nouns: z
      .array(z.enum(['SalesOrder', 'Shipment', 'Invoice', 'ItemMaster', 'CustomerPartyMaster', ...INVENTORY_NOUNS]))
      .optional(),
    headers: z.record(z.string(), z.string()).optional(),
  })
  .strict();

export type BodSubscriber = z.infer<typeof subscriberSchema>;

export const DEFAULT_RETRY = { baseMs: 500, maxMs: 30_000, maxAttempts: 10 };
