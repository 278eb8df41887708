// The change record of an item (m3mage.cdc.M3ItemChange on cdc.m3.item.v1, key ITNO) and its price: one
// place for the BOD path (an enricher of the BOD ingest) and the MI poll.
import type { OutgoingRecord } from '@m3mage/runtime';
import type { Change, Item } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import type { MappedBod } from '../mappings/index';
import type { GroupNamesSource } from './group-names';
import type { PriceSource } from './price-source';

/** What an item read from M3 gets before it is produced: its price and its group names. */
export type ItemEnricher = (item: Item) => Promise<Item>;

export const itemEnricher =
  (price: PriceSource, names?: GroupNamesSource): ItemEnricher =>
  async (item) => ({ ...item, price: await price(item.itno), ...(names ? await names(item) : {}) });

/** The BOD ingest's enricher for items: the mapped item gets its price (and group names). */
export const bodItemEnricher =
  (enrich: ItemEnricher) =>
  async (mapped: MappedBod<unknown>): Promise<MappedBod<unknown>> => {
    const item = mapped.change.after as Item | null;
    if (!item) return mapped;
    return { ...mapped, change: { ...mapped.change, after: await enrich(item) } };
  };

export interface PolledItem {
  item: Item;
  /** Poller name, for the event id. */
  poller: string;
  receivedAt: number;
}

/** The record of an item read by the MI poll (op `u`: a poll cannot tell a create from an update). */
export function polledItemRecord(p: PolledItem): OutgoingRecord<Change<Item>> {
  const { item } = p;
  const eventId = `mi:${p.poller}:${item.itno}:${item.changeStamp}`;
  return {
    topic: TOPIC.cdcM3Item,
    key: item.itno,
    value: {
      op: 'u',
      before: null,
      after: item,
      source: {
        system: 'M3',
        entity: 'item',
        id: item.itno,
        version: item.changeStamp,
        eventId,
        occurredAt: item.changedAt,
        receivedAt: p.receivedAt,
      },
      tsMs: p.receivedAt,
    },
    meta: {
      correlationId: item.itno,
      causationId: eventId,
      eventType: 'M3ItemChange',
      sourceSystem: 'M3',
      occurredAt: new Date(item.changedAt),
    },
    headers: { 'ingest-source': 'mi-poll' },
  };
}
