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
export const polledItemRecord = (p: PolledItem): OutgoingRecord<Change<Item>> =>
  itemRecord(p.item, 'u', `mi:${p.poller}:${p.item.itno}:${p.item.changeStamp}`, p.receivedAt, 'mi-poll');

/**
 * The record of an item read by a backfill (op `r`, a snapshot row): the normal pipeline applies it, and its
 * version (M3's change stamp) loses against any newer change already applied for the item.
 */
export const snapshotItemRecord = (item: Item, job: string, receivedAt: number): OutgoingRecord<Change<Item>> =>
  itemRecord(item, 'r', `backfill:${job}:${item.itno}:${item.changeStamp}`, receivedAt, 'backfill');

function itemRecord(
  item: Item,
  op: 'u' | 'r',
  eventId: string,
  receivedAt: number,
  via: string,
): OutgoingRecord<Change<Item>> {
  return {
    topic: TOPIC.cdcM3Item,
    key: item.itno,
    value: {
      op,
      before: null,
      after: item,
      source: {
        system: 'M3',
        entity: 'item',
        id: item.itno,
        version: item.changeStamp,
        eventId,
        occurredAt: item.changedAt,
        receivedAt,
      },
      tsMs: receivedAt,
    },
    meta: {
      correlationId: item.itno,
      causationId: eventId,
      eventType: 'M3ItemChange',
      sourceSystem: 'M3',
      occurredAt: new Date(item.changedAt),
    },
    headers: { 'ingest-source': via },
  };
}
