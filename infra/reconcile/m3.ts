// M3's side, read the way the pipeline reads it: balances by m3-ion-ingest's balance readers (MMS200MI
// LstItmWhsByWhgr per warehouse group, else MMS060MI LstSumQty per warehouse — those of STOCK_WAREHOUSES or of
// table sourceByWarehouse) and its balance records; items by the item backfill's reader (MMS200MI LstItmByItm
// pages priced by the configured price source, group names; GetItmBasic per key with --keys). A record that
// cannot be read is reported with the reason (no dead letter: reconcile produces no change).
import { createLogger, createMetrics } from '@m3mage/runtime';
import { m3Connection, readIonApi, type MiClient } from '@m3mage/connectors/m3';
import type { Change, Item } from '@m3mage/schemas/types';
import { createGroupNames } from '../../services/m3-ion-ingest/src/items/group-names';
import { itemEnricher } from '../../services/m3-ion-ingest/src/items/item-change';
import { priceSourceOf } from '../../services/m3-ion-ingest/src/items/price-source';
import { locationSumReader, warehouseGroupReader } from '../../services/m3-ion-ingest/src/stock/balance-readers';
import { balanceKey, balanceOf, transactionAt, UnreadableRecord } from '../../services/m3-ion-ingest/src/stock/records';
import { lookupIn } from '../../services/transformer/src/mappings/kit';
import { itemBySku } from '../../services/transformer/src/mappings/tables/items';
import { sourceByWarehouse } from '../../services/transformer/src/mappings/tables/sources';
import { m3ItemsSource } from '../backfill/sources/m3-items';
import type { ReconcileConfig } from './config';
import type { M3Balance } from './stock-compare';

export interface M3Read<T> {
  rows: T[];
  /** M3's own change stamp per row key (balance ITNO@WHLO, item ITNO), when it gives one. */
  stamps: Map<string, bigint>;
  unreadable: Array<{ key: string; reason: string }>;
}

export interface M3Side {
  balances(): Promise<M3Read<M3Balance>>;
  /** Items (with price and group names); `skus` limits them to those products. */
  items(skus?: readonly string[]): Promise<M3Read<Item>>;
  close(): Promise<void>;
}

export function openM3(c: ReconcileConfig): M3Side {
  const logger = createLogger({ service: 'reconcile', version: '0', level: 'silent' });
  const { http, mi } = m3Connection(c, {
    ionapi: readIonApi(c),
    logger,
    metrics: createMetrics({ service: 'reconcile', collectDefaults: false }),
  });
  return {
    balances: () => readBalances(mi, c),
    items: (skus) => readItems(mi, c, skus),
    close: () => http.close(),
  };
}

async function readBalances(mi: Pick<MiClient, 'execute'>, c: ReconcileConfig): Promise<M3Read<M3Balance>> {
  const reader = c.STOCK_WAREHOUSE_GROUPS?.length
    ? warehouseGroupReader(mi, c.STOCK_WAREHOUSE_GROUPS)
    : locationSumReader(mi, c.STOCK_WAREHOUSES?.length ? c.STOCK_WAREHOUSES : Object.keys(sourceByWarehouse.entries));
  const read = await reader.read();
  const out: M3Read<M3Balance> = { rows: [], stamps: new Map(), unreadable: [] };
  for (const rec of read.records) {
    try {
      const b = balanceOf(rec, read.reader);
      out.rows.push(b);
      const at = transactionAt(rec.TRDT, rec.TRTM);
      if (at !== undefined) out.stamps.set(balanceKey(b), BigInt(at));
    } catch (e) {
      if (!(e instanceof UnreadableRecord)) throw e;
      out.unreadable.push({
        key: `${rec.ITNO?.trim() || '(none)'}@${rec.WHLO?.trim() || '(none)'}`,
        reason: e.message,
      });
    }
  }
  return out;
}

async function readItems(mi: MiClient, c: ReconcileConfig, skus?: readonly string[]): Promise<M3Read<Item>> {
  const now = Date.now;
  const price = priceSourceOf(c, mi, now);
  const names = createGroupNames({ mi, now });
  const source = m3ItemsSource({
    mi,
    enrich: itemEnricher(price, names),
    names,
    priceSource: c.ITEM_PRICE_SOURCE,
    known: () => undefined, // every item is read, whatever the pipeline applied
    job: 'reconcile',
    pageSize: 500,
    now,
    ...(skus ? { keys: [...new Set(skus.map((s) => String(lookupIn(itemBySku, s))))].sort() } : {}),
  });
  const out: M3Read<Item> = { rows: [], stamps: new Map(), unreadable: [] };
  for await (const page of source.pages(null))
    for (const row of page) {
      if (row.kind === 'failed') out.unreadable.push({ key: row.key, reason: row.reason });
      if (row.kind !== 'record') continue;
      const item = (row.record.value as Change<Item>).after;
      if (!item) continue;
      out.rows.push(item);
      out.stamps.set(item.itno, BigInt(item.changeStamp));
    }
  return out;
}
