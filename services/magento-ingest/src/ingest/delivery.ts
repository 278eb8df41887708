// What every inbound channel (I/O Events, Commerce webhook, generic webhook, poller) hands to the ingest.
import { integer, text, type Source } from '../mappings/values';

export type IngestSource = 'io-events' | 'commerce-webhook' | 'generic-webhook' | 'poller';

export interface OrderRef {
  entityId?: number;
  incrementId?: string;
  /** updated_at as the payload states it (Magento format), when it does. */
  updatedAt?: string;
}

export interface OrderDelivery {
  source: IngestSource;
  /** Magento observer event name, e.g. sales_order_save_after ('poll' for the poller). */
  eventName: string;
  eventId: string;
  occurredAt: number;
  receivedAt: number;
  ref: OrderRef;
  /** The payload's order object; mapped directly when it is complete, otherwise read from REST. */
  payload?: Source;
}

export type IngestOutcome = 'produced' | 'duplicate' | 'stale' | 'dead-lettered';

export interface IngestResult {
  outcome: IngestOutcome;
  incrementId?: string;
  op?: 'c' | 'u';
  version?: string;
}

/** Identifiers of an order payload (numbers or DB strings); undefined when it has neither id. */
export function orderRef(o: Source): OrderRef | undefined {
  const entityId = safe(() => integer(o.entity_id, 'entity_id'));
  const incrementId = safe(() => text(o.increment_id, 'increment_id'));
  const updatedAt = safe(() => text(o.updated_at, 'updated_at'))
    ?.replace('T', ' ')
    .slice(0, 19);
  if (entityId === undefined && incrementId === undefined) return undefined;
  return {
    ...(entityId !== undefined ? { entityId } : {}),
    ...(incrementId !== undefined ? { incrementId } : {}),
    ...(updatedAt !== undefined ? { updatedAt } : {}),
  };
}

function safe<T>(f: () => T | undefined): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** The Magento observer events that carry an order and are ingested. */
export const ORDER_EVENTS: readonly string[] = Object.freeze([
  'sales_order_save_after',
  'sales_order_save_commit_after',
  'sales_order_place_after',
]);
