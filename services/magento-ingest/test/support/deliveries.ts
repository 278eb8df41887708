// Deliveries exactly as the Magento simulator sends them, and replays of them with changes.
import type { DeliveryLogEntry, SubscriberInput } from '@m3mage/simulators/magento';
import { COMMERCE_WEBHOOK_PATH } from '../../src/routes/commerce-webhook.route';
import { GENERIC_WEBHOOK_PATH } from '../../src/routes/generic-webhook.route';
import { IO_EVENTS_PATH } from '../../src/routes/io-events.route';
import { HMAC_SECRET, type Harness } from './harness';

export type Mode = SubscriberInput['mode'];

export const PATHS: Record<Mode, string> = {
  'io-events': IO_EVENTS_PATH,
  'commerce-webhook': COMMERCE_WEBHOOK_PATH,
  'generic-webhook': GENERIC_WEBHOOK_PATH,
};

export function subscribe(h: Harness, mode: Mode, extra: Partial<SubscriberInput> = {}): void {
  h.sim.events.config.setSubscribers([
    {
      url: `http://ingest.test${PATHS[mode]}`,
      mode,
      events: ['sales_order_save_after'],
      ...(mode === 'generic-webhook' ? { secret: HMAC_SECRET } : {}),
      ...extra,
    },
  ]);
}

/** Places `n` orders with the given subscriber and returns the simulator's delivery log. */
export async function placeAndDeliver(h: Harness, mode: Mode, n = 1): Promise<DeliveryLogEntry[]> {
  subscribe(h, mode);
  h.sim.placeOrders(n);
  await h.sim.idle();
  return h.sim.events.dispatcher.entries();
}

export interface Replay {
  body?: string;
  headers?: Record<string, string | undefined>;
  path?: string;
}

/** Sends a logged delivery again, optionally changed. */
export async function replay(h: Harness, entry: DeliveryLogEntry, r: Replay = {}) {
  const headers = Object.fromEntries(
    Object.entries({ ...entry.headers, ...r.headers }).filter((kv): kv is [string, string] => kv[1] !== undefined),
  );
  return h.http.inject({
    method: 'POST',
    url: r.path ?? PATHS[entry.mode],
    headers,
    payload: r.body ?? entry.body,
  });
}
