// The change record of a customer read by the CRS610MI poll (m3mage.cdc.M3CustomerChange on cdc.m3.customer.v1,
// key CUNO), made as the item poll makes its records (items/item-change.ts): op `u`, version = the customer's
// change stamp, event id `mi:<poller>:<CUNO>:<stamp>`, header `ingest-source: mi-poll`. The BOD path produces
// through the BOD ingest like every mapped noun (ingest.ts).
import type { OutgoingRecord } from '@m3mage/runtime';
import type { Change, M3Customer } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';

export interface PolledCustomer {
  customer: M3Customer;
  /** Poller name, for the event id. */
  poller: string;
  receivedAt: number;
}

/** The record of a customer read by the MI poll (a poll cannot tell a create from an update). */
export function polledCustomerRecord(p: PolledCustomer): OutgoingRecord<Change<M3Customer>> {
  const { customer } = p;
  const eventId = `mi:${p.poller}:${customer.cuno}:${customer.changeStamp}`;
  return {
    topic: TOPIC.cdcM3Customer,
    key: customer.cuno,
    value: {
      op: 'u',
      before: null,
      after: customer,
      source: {
        system: 'M3',
        entity: 'customer',
        id: customer.cuno,
        version: customer.changeStamp,
        eventId,
        occurredAt: customer.changedAt,
        receivedAt: p.receivedAt,
      },
      tsMs: p.receivedAt,
    },
    meta: {
      correlationId: customer.cuno,
      causationId: eventId,
      eventType: 'M3CustomerChange',
      sourceSystem: 'M3',
      occurredAt: new Date(customer.changedAt),
    },
    headers: { 'ingest-source': 'mi-poll' },
  };
}
