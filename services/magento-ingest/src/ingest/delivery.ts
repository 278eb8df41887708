// What every inbound channel (I/O Events, Commerce webhook, generic webhook, poller) hands to the ingest: a
// delivery about one entity of the registry (src/entities), a change or a delete.
import type { OutgoingRecord } from '@m3mage/runtime';
import type { MagentoCustomerChange, MagentoOrderChange } from '@m3mage/schemas/types';
import type { Entity, EntityRef } from '../entities/entity';
import type { Source } from '../mappings/values';

export type IngestSource = 'io-events' | 'commerce-webhook' | 'generic-webhook' | 'poller';

export interface Delivery {
  /** The registry entry the event belongs to. */
  entity: Entity;
  /** A change (re-read and produced per version) or a delete (op d and a tombstone). */
  kind: 'change' | 'delete';
  source: IngestSource;
  /** Magento observer event name, e.g. sales_order_save_after, or the plugin hook ('poll' for the poller). */
  eventName: string;
  eventId: string;
  occurredAt: number;
  receivedAt: number;
  ref: EntityRef;
  /** The payload's entity object: mapped directly when the entity says it is complete, otherwise read from REST. */
  payload?: Source;
}

export type IngestOutcome = 'produced' | 'duplicate' | 'stale' | 'dead-lettered';

export interface IngestResult {
  outcome: IngestOutcome;
  /** The record key (increment id, customer id), named in answers by the entity's `answerKey`. */
  key?: string;
  answerKey: string;
  op?: 'c' | 'u' | 'd';
  version?: string;
}

/** What magento-ingest produces on the change topics (a tombstone is a null value). */
export type ChangeValue = MagentoOrderChange | MagentoCustomerChange;
export type ProduceChange = (record: OutgoingRecord<ChangeValue>) => Promise<unknown>;
