// Builds magento-writer from injected dependencies (no process.env, no singletons): the Magento connection
// (HTTP client with its breaker, signed transport), the order-command handler and the consumer group (retry tiers, DLQ,
// partitions paused while Magento is down).
import {
  breakerPauseSignal,
  createVersionGuard,
  integerVersions,
  routeByTopic,
  type GroupConsumer,
  type HttpClient,
  type ServiceContext,
} from '@m3mage/runtime';
import { magentoConnection } from '@m3mage/connectors/magento';
import { GROUP, TOPIC } from '@m3mage/topics/catalogue';
import { createMagentoClient, type MagentoClient } from './clients/magento.client';
import type { Config } from './config';
import { orderCommandHandler } from './handlers/order-command.handler';
import { createProductsClient } from './clients/products.client';
import { productHandler } from './handlers/product.handler';
import type { DocumentVersion } from '@m3mage/schemas/types';

/** What the service needs of the catalogue: its group and the table of applied product versions. */
export const topology = { group: GROUP.magentoWriter, produces: [TOPIC.stateMagentoWriterProducts] };

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

export function buildApp(opts: AppOptions): WriterApp {
  const { ctx } = opts;
  const { config: c, logger, metrics } = ctx;
  const now = opts.now ?? Date.now;
  const { http, transport } = magentoConnection(c, { logger, metrics, now, requireTls: c.HTTP_REQUIRE_TLS });
  ctx.onStop('magento-http', () => http.close());
  const magento = createMagentoClient(transport);
  // Loaded by ctx.start() before the consumer starts, kept tailing.
  const applied = ctx.table<DocumentVersion>(TOPIC.stateMagentoWriterProducts);
  ctx.addReadinessCheck('product-versions', async () =>
    applied.ready() ? { ok: true } : { ok: false, detail: `${TOPIC.stateMagentoWriterProducts} loading` },
  );
  const versions = createVersionGuard({ table: applied, scheme: integerVersions, sourceSystem: 'M3', now });
  const consumer = ctx.consume<unknown>({
    maxInFlight: c.MAGENTO_WRITER_MAX_IN_FLIGHT,
    pauseSignals: [breakerPauseSignal(http)],
    handler: routeByTopic(
      'magento-writer',
      {
        [TOPIC.cmdMagentoOrder]: orderCommandHandler({ magento, logger }),
        [TOPIC.cmdMagentoProduct]: productHandler({ products: createProductsClient(transport), versions, logger }),
      },
      topology.group.consumes,
    ),
  });
  return { http, magento, consumer };
}
