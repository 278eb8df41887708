// Builds magento-writer from injected dependencies (no process.env, no singletons): the Magento HTTP client
// with its breaker, the authorizer, the order-command handler and the consumer group (retry tiers, DLQ,
// partitions paused while Magento is down).
import {
  breakerPauseSignal,
  createHttpClient,
  type GroupConsumer,
  type HttpClient,
  type ServiceContext,
} from '@m3mage/runtime';
import { adminTokenFetcher, createAuthorizer, magentoAnswers } from '@m3mage/connectors/magento';
import { GROUP } from '@m3mage/topics/catalogue';
import { createMagentoClient, MAGENTO_GROUP, type MagentoClient } from './clients/magento.client';
import { authSettings, type Config } from './config';
import { orderCommandHandler } from './handlers/order-command.handler';

/** What the service needs of the catalogue: its group (it produces nothing; Magento is its output). */
export const topology = { group: GROUP.magentoWriter, produces: [] };

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
  const http = createHttpClient({
    system: 'magento',
    answers: magentoAnswers,
    metrics,
    logger,
    now,
    requireTls: c.HTTP_REQUIRE_TLS,
    groups: {
      [MAGENTO_GROUP]: {
        baseUrl: c.MAGENTO_BASE_URL,
        timeoutMs: c.MAGENTO_TIMEOUT_MS,
        maxInFlight: c.MAGENTO_MAX_IN_FLIGHT,
        breaker: {
          errorThresholdPercentage: c.MAGENTO_BREAKER_ERROR_PERCENT,
          volumeThreshold: c.MAGENTO_BREAKER_VOLUME,
          resetTimeoutMs: c.MAGENTO_BREAKER_RESET_MS,
        },
      },
    },
  });
  ctx.onStop('magento-http', () => http.close());
  const auth = createAuthorizer(authSettings(c), { now, fetchAdminToken: adminTokenFetcher(http) });
  const magento = createMagentoClient({ http, baseUrl: c.MAGENTO_BASE_URL, storeCode: c.MAGENTO_STORE_CODE, auth });
  const consumer = ctx.consume<unknown>({
    maxInFlight: c.MAGENTO_WRITER_MAX_IN_FLIGHT,
    pauseSignals: [breakerPauseSignal(http)],
    handler: orderCommandHandler({ magento, logger }) as never,
  });
  return { http, magento, consumer };
}
