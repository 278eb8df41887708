// Builds magento-writer from injected dependencies (no process.env, no singletons): the Magento connection
// (HTTP client with its breaker, signed transport), the handlers of the commands, the tables of applied M3
// versions (products; MSI sources and source items), the one source-item batch of the process and the
// consumer group (retry tiers, DLQ, partitions paused while Magento is down), and the async-bulk writer of
// backfill products.
import {
  breakerPauseSignal,
  createVersionGuard,
  integerVersions,
  routeByTopic,
  type GroupConsumer,
  type Handler,
  type HttpClient,
  type Logger,
  type Metrics,
  type ServiceContext,
} from '@m3mage/runtime';
import { magentoConnection, type MagentoTransport } from '@m3mage/connectors/magento';
import { conflatableTopics, GROUP, TOPIC } from '@m3mage/topics/catalogue';
import type { DocumentVersion } from '@m3mage/schemas/types';
import { createCustomersClient } from './clients/customers.client';
import { createInventoryClient } from './clients/inventory.client';
import { createMagentoClient, type MagentoClient } from './clients/magento.client';
import { createProductsClient, type ProductsClient } from './clients/products.client';
import { createBulkClient } from './clients/bulk.client';
import { createProductBulk, type ProductBulk } from './bulk/product-bulk';
import type { Config } from './config';
import { customerHandler } from './handlers/customer.handler';
import { orderCommandHandler } from './handlers/order-command.handler';
import { productHandler } from './handlers/product.handler';
import { createStockItemsClient } from './clients/stock-items.client';
import { createCategoriesClient } from './clients/categories.client';
import { createCategoryResolver, type CategoryResolver } from './handlers/category-resolver';
import { legacyStockItems } from './handlers/legacy-stock';
import { createSourceItemBatch } from './handlers/source-item-batch';
import { sourceItemHandler } from './handlers/source-item.handler';
import { sourceHandler } from './handlers/source.handler';

/** What the service needs of the catalogue: its group and the tables of applied M3 versions. */
export const topology = {
  group: GROUP.magentoWriter,
  produces: [TOPIC.stateMagentoWriterProducts, TOPIC.stateMagentoWriterInventory, TOPIC.stateMagentoWriterCustomers],
};

export interface AppOptions {
  /** Built with the `magento-writer` group of the catalogue (GROUP.magentoWriter). */
  ctx: ServiceContext<Config>;
  now?: () => number;
}

export interface WriterApp {
  http: HttpClient;
  magento: MagentoClient;
  consumer: GroupConsumer;
}

/** Newest M3 change wins over a table of applied versions (loaded by ctx.start() before the consumer, kept tailing). */
function versionGuard(ctx: ServiceContext<Config>, topic: string, check: string, now: () => number) {
  const table = ctx.table<DocumentVersion>(topic);
  ctx.addReadinessCheck(check, async () => (table.ready() ? { ok: true } : { ok: false, detail: `${topic} loading` }));
  return createVersionGuard({ table, scheme: integerVersions, sourceSystem: 'M3', now });
}

export function buildApp(opts: AppOptions): WriterApp {
  const { ctx } = opts;
  const { config: c, logger, metrics } = ctx;
  const now = opts.now ?? Date.now;
  const { http, transport } = magentoConnection(c, { logger, metrics, now, requireTls: c.HTTP_REQUIRE_TLS });
  ctx.onStop('magento-http', () => http.close());
  const magento = createMagentoClient(transport);
  const productVersions = versionGuard(ctx, TOPIC.stateMagentoWriterProducts, 'product-versions', now);
  const inventoryVersions = versionGuard(ctx, TOPIC.stateMagentoWriterInventory, 'inventory-versions', now);
  const customerVersions = versionGuard(ctx, TOPIC.stateMagentoWriterCustomers, 'customer-versions', now);
  const inventory = createInventoryClient(transport);
  const singleSource = c.MAGENTO_INVENTORY_MODE === 'single-source';
  const sourceItems = createSourceItemBatch({
    inventory,
    logger,
    maxItems: c.MAGENTO_SOURCE_ITEMS_BATCH_SIZE,
    maxWaitMs: c.MAGENTO_SOURCE_ITEMS_WAIT_MS,
    microBatcher: ctx.microBatcher,
    now,
  });
  // Stopped before the HTTP client: what is queued is saved at once instead of after the wait.
  ctx.onStop('source-items', () => sourceItems.drain());
  const products = createProductsClient(transport);
  const categories = createCategoryResolver(createCategoriesClient(transport));
  const productBulk = c.MAGENTO_BULK_ENABLED ? buildProductBulk(ctx, transport, products, categories) : undefined;
  const consumer = ctx.consume<unknown>({
    maxInFlight: c.MAGENTO_WRITER_MAX_IN_FLIGHT,
    pauseSignals: [breakerPauseSignal(http)],
    // Of several source-item commands of one sku@source in a fetched batch only the one with the highest
    // entity-version header runs (runtime conflation); the version guard still judges it against what was applied.
    conflate: conflatableTopics(topology.group.consumes),
    handler: routeByTopic(
      'magento-writer',
      {
        [TOPIC.cmdMagentoOrder]: orderCommandHandler({ magento, logger }),
        [TOPIC.cmdMagentoProduct]: productHandler({
          products,
          categories,
          versions: productVersions,
          logger,
          ...(productBulk ? { bulk: productBulk } : {}),
        }),
        [TOPIC.cmdMagentoCustomer]: customerHandler({
          customers: createCustomersClient(transport),
          versions: customerVersions,
          logger,
        }),
        [TOPIC.cmdMagentoSource]: singleSource
          ? skipSources(logger, metrics)
          : sourceHandler({ inventory, versions: inventoryVersions, logger }),
        [TOPIC.cmdMagentoSourceItem]: sourceItemHandler({
          batch: singleSource ? legacyStockItems(createStockItemsClient(transport)) : sourceItems,
          versions: inventoryVersions,
          logger,
          metrics,
        }),
      },
      topology.group.consumes,
    ),
  });
  return { http, magento, consumer };
}

/** Backfill products in chunks through Magento's async bulk API (bulk/product-bulk.ts). */
function buildProductBulk(
  ctx: ServiceContext<Config>,
  transport: MagentoTransport,
  products: ProductsClient,
  categories: CategoryResolver,
): ProductBulk {
  const c = ctx.config;
  const bulk = createProductBulk({
    bulk: createBulkClient(transport),
    products,
    categories,
    logger: ctx.logger,
    metrics: ctx.metrics,
    chunkSize: c.MAGENTO_BULK_CHUNK_SIZE,
    lingerMs: c.MAGENTO_BULK_LINGER_MS,
    pollMs: c.MAGENTO_BULK_POLL_MS,
    timeoutMs: c.MAGENTO_BULK_TIMEOUT_MS,
    microBatcher: ctx.microBatcher,
  });
  // Stopped before the HTTP client: the queued chunk is submitted, then the polls end.
  ctx.onStop('product-bulk', async () => {
    await bulk.drain();
    bulk.close();
  });
  return bulk;
}

/** A single-source store has no MSI sources: warehouse commands are acknowledged, counted as skipped. */
function skipSources(logger: Logger, metrics: Metrics): Handler<unknown> {
  let told = false;
  return async (msg) => {
    metrics.messagesTotal.inc({ service: metrics.service, topic: msg.topic, outcome: 'skipped' });
    if (!told) logger.info('MAGENTO_INVENTORY_MODE=single-source: MSI source commands are skipped');
    told = true;
    return { outcome: 'ack' };
  };
}
