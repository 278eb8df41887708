// Builds m3-ion-ingest from injected dependencies: the variation table, the guard, the BOD ingest and
// its route; with an M3 connection also items (SyncItemMaster priced from M3, and the MI item poll);
// with STOCK_BOD_NOUN the inventory BOD (no M3 connection needed); customers by Sync.CustomerPartyMaster
// (CUSTOMER_BOD_ENABLED) and/or the CRS610MI poll (CUSTOMER_POLL_ENABLED). No process.env, no singletons.
import {
  AppError,
  checkpointStore,
  readCheckpoint,
  type CheckpointStore,
  type CompactedTable,
  type ServiceContext,
} from '@m3mage/runtime';
import { m3Connection, M3_GROUP, type IonApiCredentials, type MiClient } from '@m3mage/connectors/m3';
import { createBodIngest, type BodIngest } from './ingest';
import { bodItemEnricher, itemEnricher } from './items/item-change';
import { createGroupNames } from './items/group-names';
import { createItemPoller, type ItemPoller, type ItemPollerOptions } from './items/item-poller';
import { priceSourceOf } from './items/price-source';
import { createPricePoller, type PricePassReport } from './items/price-poller';
import { createCustomerPoller, type CustomerPassReport } from './customers/customer-poller';
import { customerBodMappings, itemBodMappings, orderBodMappings } from './mappings/index';
import type { Config } from './config';
import type { IngestAuth } from './routes/auth';
import { bodRoute } from './routes/bod.route';
import { createPolledChanges } from './state/polled-changes';
import { createVariationGuard } from './state/variation-guard';
import { locationSumReader, transactionFeedReader, warehouseGroupReader } from './stock/balance-readers';
import { stockBodHandlers } from './stock/stock-bod';
import { createStockPoller } from './stock/stock-poller';
import { createWarehousePoller, type Poller } from './stock/warehouse-poller';
import type { DocumentVersion } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';

/** What the service needs of the catalogue: no group (HTTP in), the change data and its variation table. */
export const topology = {
  produces: [
    TOPIC.cdcM3Shipment,
    TOPIC.cdcM3Invoice,
    TOPIC.cdcM3SalesOrder,
    TOPIC.cdcM3Item,
    TOPIC.cdcM3Warehouse,
    TOPIC.cdcM3Stock,
    TOPIC.cdcM3Customer,
    TOPIC.m3IonIngestDlq,
    TOPIC.stateM3IonIngestVariations,
    TOPIC.stateM3IonIngestPoller,
  ],
};

export interface AppOptions {
  ctx: ServiceContext<Config>;
  /** The parsed M3_IONAPI_FILE; without it (or M3_COMPANY) items are not taken. */
  ionapi?: IonApiCredentials;
  now?: () => number;
  schedule?: ItemPollerOptions['schedule'];
}

export interface IngestApp {
  variations: CompactedTable<DocumentVersion>;
  ingest: BodIngest;
  /** Present when ITEM_POLL_ENABLED. */
  itemPoller: ItemPoller | undefined;
  /** Present when ITEM_PRICE_POLL_ENABLED. */
  pricePoller: Poller<PricePassReport> | undefined;
  /** Present when WAREHOUSE_POLL_ENABLED. */
  warehousePoller: Poller | undefined;
  /** Present when STOCK_POLL_ENABLED. */
  stockPoller: Poller | undefined;
  /** Present when CUSTOMER_POLL_ENABLED. */
  customerPoller: Poller<CustomerPassReport> | undefined;
  /** The BODs this instance takes (`Verb+Noun`). */
  nouns: string[];
}

export function authOf(c: Config): IngestAuth {
  const auth: IngestAuth = {
    ...(c.ION_INGEST_BEARER_TOKEN ? { bearer: c.ION_INGEST_BEARER_TOKEN } : {}),
    ...(c.ION_INGEST_BASIC_USER && c.ION_INGEST_BASIC_PASSWORD
      ? { basic: { user: c.ION_INGEST_BASIC_USER, password: c.ION_INGEST_BASIC_PASSWORD } }
      : {}),
  };
  if (!auth.bearer && !auth.basic) {
    throw new AppError(
      'CONFIG_INVALID',
      'm3-ion-ingest needs ION_INGEST_BEARER_TOKEN or ION_INGEST_BASIC_USER + ION_INGEST_BASIC_PASSWORD',
    );
  }
  return auth;
}

export async function buildApp(opts: AppOptions): Promise<IngestApp> {
  const { ctx } = opts;
  const auth = authOf(ctx.config);
  // Loaded by ctx.start() before the HTTP server listens; kept tailing; stopped by the lifecycle.
  const variations = ctx.table<DocumentVersion>(TOPIC.stateM3IonIngestVariations);
  ctx.addReadinessCheck('variations-table', async () =>
    variations.ready() ? { ok: true } : { ok: false, detail: 'variation table loading' },
  );
  const guard = createVariationGuard({
    table: variations,
    logger: ctx.logger,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const c = ctx.config;
  const now = opts.now ?? Date.now;
  const mi = opts.ionapi && c.M3_COMPANY ? connectM3(ctx, opts.ionapi, now) : undefined;
  const price = mi ? priceSourceOf(c, mi, now) : undefined;
  const enrich = price && mi ? itemEnricher(price, createGroupNames({ mi, now })) : undefined;
  const mappings = {
    ...(price ? itemBodMappings : orderBodMappings),
    ...(c.CUSTOMER_BOD_ENABLED ? customerBodMappings : {}),
  };
  const changes = createPolledChanges({
    guard,
    produce: (r) => ctx.producer.send(r),
    metrics: ctx.metrics,
    now,
    logger: ctx.logger,
  });
  // The inventory BOD (STOCK_BOD_NOUN) shares the stock poll's keys and versions through `changes`.
  const stockBod = c.STOCK_BOD_NOUN ? stockBodHandlers({ noun: c.STOCK_BOD_NOUN, changes, now }) : {};
  const nouns = [...Object.keys(mappings), ...Object.keys(stockBod)];
  const ingest = createBodIngest({
    producer: ctx.producer,
    guard,
    logger: ctx.logger,
    mappings,
    handlers: stockBod,
    ...(enrich ? { enrich: { [TOPIC.cdcM3Item]: bodItemEnricher(enrich) } } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  let checkpointTable: CheckpointStore | undefined;
  const checkpoints = (): CheckpointStore => {
    if (checkpointTable) return checkpointTable;
    const table = ctx.table(TOPIC.stateM3IonIngestPoller, readCheckpoint);
    ctx.addReadinessCheck('poller-checkpoints', async () =>
      table.ready() ? { ok: true } : { ok: false, detail: `${TOPIC.stateM3IonIngestPoller} loading` },
    );
    return (checkpointTable = checkpointStore(table, 'M3'));
  };
  const needM3 = (flag: string): MiClient => {
    if (!mi) throw new AppError('CONFIG_INVALID', `${flag} needs M3_IONAPI_FILE and M3_COMPANY`);
    return mi;
  };
  let itemPoller: ItemPoller | undefined;
  if (c.ITEM_POLL_ENABLED) {
    if (!mi || !enrich) throw new AppError('CONFIG_INVALID', 'ITEM_POLL_ENABLED needs M3_IONAPI_FILE and M3_COMPANY');
    const poller = createItemPoller({
      mi,
      enrich,
      guard,
      checkpoints: checkpoints(),
      produce: (r) => ctx.producer.send(r),
      changes,
      metrics: ctx.metrics,
      logger: ctx.logger,
      now,
      intervalMs: c.ITEM_POLL_INTERVAL_MS,
      overlapMs: c.ITEM_POLL_OVERLAP_MS,
      concurrency: c.ITEM_POLL_CONCURRENCY,
      ...(c.ITEM_POLL_START_AT ? { startAt: Date.parse(c.ITEM_POLL_START_AT) } : {}),
      ...(opts.schedule ? { schedule: opts.schedule } : {}),
    });
    ctx.onStop('item-poller', () => poller.stop());
    itemPoller = poller;
  }
  let pricePoller: Poller<PricePassReport> | undefined;
  if (c.ITEM_PRICE_POLL_ENABLED) {
    if (!mi || !enrich)
      throw new AppError('CONFIG_INVALID', 'ITEM_PRICE_POLL_ENABLED needs M3_IONAPI_FILE and M3_COMPANY');
    const poller = createPricePoller({
      mi,
      priceList: c.ITEM_PRICE_LIST ?? '',
      currency: c.ITEM_PRICE_CURRENCY ?? '',
      enrich,
      guard,
      knownKeys: () => [...variations.entries()].map(([k]) => k),
      checkpoints: checkpoints(),
      produce: (r) => ctx.producer.send(r),
      changes,
      metrics: ctx.metrics,
      logger: ctx.logger,
      now,
      intervalMs: c.ITEM_PRICE_POLL_INTERVAL_MS,
      concurrency: c.ITEM_POLL_CONCURRENCY,
      ...(opts.schedule ? { schedule: opts.schedule } : {}),
    });
    ctx.onStop('price-poller', () => poller.stop());
    pricePoller = poller;
  }
  let warehousePoller: Poller | undefined;
  if (c.WAREHOUSE_POLL_ENABLED) {
    const poller = createWarehousePoller({
      mi: needM3('WAREHOUSE_POLL_ENABLED'),
      changes,
      metrics: ctx.metrics,
      logger: ctx.logger,
      now,
      intervalMs: c.WAREHOUSE_POLL_INTERVAL_MS,
      ...(opts.schedule ? { schedule: opts.schedule } : {}),
    });
    ctx.onStop('warehouse-poller', () => poller.stop());
    warehousePoller = poller;
  }
  let stockPoller: Poller | undefined;
  if (c.STOCK_POLL_ENABLED) {
    const m3 = needM3('STOCK_POLL_ENABLED');
    const reader =
      c.STOCK_SOURCE === 'MWS070MI'
        ? transactionFeedReader({
            mi: m3,
            warehouses: c.STOCK_WAREHOUSES ?? [],
            checkpoints: checkpoints(),
            now,
            ...(c.STOCK_POLL_START_AT ? { startAt: Date.parse(c.STOCK_POLL_START_AT) } : {}),
          })
        : c.STOCK_SOURCE === 'MMS060MI'
          ? locationSumReader(m3, c.STOCK_WAREHOUSES ?? [])
          : warehouseGroupReader(m3, c.STOCK_WAREHOUSE_GROUPS ?? []);
    const poller = createStockPoller({
      reader,
      changes,
      metrics: ctx.metrics,
      logger: ctx.logger,
      now,
      intervalMs: c.STOCK_POLL_INTERVAL_MS,
      concurrency: c.STOCK_POLL_CONCURRENCY,
      ...(opts.schedule ? { schedule: opts.schedule } : {}),
    });
    ctx.onStop('stock-poller', () => poller.stop());
    stockPoller = poller;
  }
  let customerPoller: Poller<CustomerPassReport> | undefined;
  if (c.CUSTOMER_POLL_ENABLED) {
    const poller = createCustomerPoller({
      mi: needM3('CUSTOMER_POLL_ENABLED'),
      checkpoints: checkpoints(),
      changes,
      metrics: ctx.metrics,
      logger: ctx.logger,
      now,
      intervalMs: c.CUSTOMER_POLL_INTERVAL_MS,
      overlapMs: c.CUSTOMER_POLL_OVERLAP_MS,
      pageSize: c.CUSTOMER_POLL_PAGE_SIZE,
      ...(c.CUSTOMER_POLL_START_AT ? { startAt: Date.parse(c.CUSTOMER_POLL_START_AT) } : {}),
      ...(opts.schedule ? { schedule: opts.schedule } : {}),
    });
    ctx.onStop('customer-poller', () => poller.stop());
    customerPoller = poller;
  }
  await ctx.http.register(bodRoute, {
    path: ctx.config.ION_INGEST_PATH,
    auth,
    bodyLimit: ctx.config.ION_INGEST_BODY_LIMIT_BYTES,
    ingest,
    metrics: ctx.metrics,
    logger: ctx.logger,
  });
  ctx.logger.info(
    {
      nouns,
      itemPoll: Boolean(itemPoller),
      pricePoll: Boolean(pricePoller),
      warehousePoll: Boolean(warehousePoller),
      stockPoll: stockPoller ? c.STOCK_SOURCE : false,
      customerPoll: Boolean(customerPoller),
    },
    'm3-ion-ingest wired',
  );
  return { variations, ingest, itemPoller, pricePoller, warehousePoller, stockPoller, customerPoller, nouns };
}

/** The MI client for item reads, with its breaker shown in readiness; closed on stop. */
function connectM3(ctx: ServiceContext<Config>, ionapi: IonApiCredentials, now: () => number): MiClient {
  const { http, mi } = m3Connection(
    { ...ctx.config, M3_IONAPI_FILE: ctx.config.M3_IONAPI_FILE ?? '', M3_COMPANY: ctx.config.M3_COMPANY ?? '' },
    { ionapi, logger: ctx.logger, metrics: ctx.metrics, now, requireTls: ctx.config.HTTP_REQUIRE_TLS },
  );
  ctx.addReadinessCheck('m3', async () =>
    http.isOpen(M3_GROUP) ? { ok: false, detail: 'M3 MI breaker open' } : { ok: true },
  );
  ctx.onStop('m3-http', () => http.close());
  return mi;
}
