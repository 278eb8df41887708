// Builds magento-ingest from injected dependencies (no process.env, no singletons): the three endpoints,
// the ingest pipeline and the poller. wireService() supplies the real ones from a ServiceContext.
import { type DeadLetter, type Logger, type Metrics, type OutgoingRecord, type ServiceContext } from '@m3mage/runtime';
import type { FastifyInstance } from 'fastify';
import { parsePublicKeys } from './auth/signatures';
import { magentoConnection } from '@m3mage/connectors/magento';
import { createOrdersClient, MAGENTO_GROUP, type OrdersClient } from './clients/magento-orders.client';
import type { Config } from './config';
import { createOrderIngest, type OrderIngest } from './ingest/order-ingest';
import type { MagentoOrderChange } from '@m3mage/schemas/types';
import { createOrderPoller, type OrderPoller, type OrderPollerOptions } from './poller/order-poller';
import { commerceWebhookRoute, COMMERCE_WEBHOOK_PATH } from './routes/commerce-webhook.route';
import type { EndpointCommon } from './routes/endpoint';
import { genericWebhookRoute, GENERIC_WEBHOOK_PATH } from './routes/generic-webhook.route';
import { ioEventsRoute, IO_EVENTS_PATH } from './routes/io-events.route';
import {
  kafkaCheckpointStore,
  kafkaOrderVersions,
  type CheckpointStore,
  type TableOf,
  type OrderVersions,
} from './state/stores';
import { TOPIC } from '@m3mage/topics/catalogue';

/** What the service needs of the catalogue: no group (HTTP and the poller in), change data, its DLQ and tables. */
export const topology = {
  produces: [
    TOPIC.cdcMagentoOrder,
    TOPIC.magentoIngestDlq,
    TOPIC.stateMagentoIngestVersions,
    TOPIC.stateMagentoIngestPoller,
  ],
};

export interface AppDeps {
  config: Config;
  http: FastifyInstance;
  logger: Logger;
  metrics: Metrics;
  produce: (record: OutgoingRecord<MagentoOrderChange>) => Promise<unknown>;
  /** magento-ingest.dlq: orders read in full that cannot be mapped. */
  deadLetter: (record: OutgoingRecord<DeadLetter>) => Promise<unknown>;
  orders: OrdersClient;
  versions: OrderVersions;
  checkpoints: CheckpointStore;
  now?: () => number;
  schedule?: OrderPollerOptions['schedule'];
}

export interface App {
  ingest: OrderIngest;
  poller: OrderPoller | undefined;
  /** Paths of the endpoints that have credentials configured (the others are not served). */
  endpoints: string[];
}

export async function buildApp(d: AppDeps): Promise<App> {
  const { config: c } = d;
  const now = d.now ?? Date.now;
  const ingest = createOrderIngest({
    orders: d.orders,
    versions: d.versions,
    produce: d.produce,
    deadLetter: d.deadLetter,
    now,
    logger: d.logger,
    metrics: d.metrics,
  });
  const common: EndpointCommon = { ingest, metrics: d.metrics, logger: d.logger, now, bodyLimit: c.BODY_LIMIT_BYTES };
  const endpoints: string[] = [];

  if (c.IO_EVENTS_PUBLIC_KEY || c.IO_EVENTS_TOKEN) {
    await d.http.register(ioEventsRoute, {
      ...common,
      ...(c.IO_EVENTS_PUBLIC_KEY ? { publicKeys: parsePublicKeys(c.IO_EVENTS_PUBLIC_KEY) } : {}),
      ...(c.IO_EVENTS_TOKEN ? { token: c.IO_EVENTS_TOKEN } : {}),
    });
    endpoints.push(IO_EVENTS_PATH);
  }
  if (c.WEBHOOK_PUBLIC_KEY) {
    await d.http.register(commerceWebhookRoute, { ...common, publicKeys: parsePublicKeys(c.WEBHOOK_PUBLIC_KEY) });
    endpoints.push(COMMERCE_WEBHOOK_PATH);
  }
  if (c.WEBHOOK_HMAC_SECRET || c.WEBHOOK_BASIC_USER) {
    await d.http.register(genericWebhookRoute, {
      ...common,
      ...(c.WEBHOOK_HMAC_SECRET ? { hmacSecret: c.WEBHOOK_HMAC_SECRET } : {}),
      ...(c.WEBHOOK_BASIC_USER && c.WEBHOOK_BASIC_PASSWORD
        ? {
            credentials: {
              user: c.WEBHOOK_BASIC_USER,
              password: c.WEBHOOK_BASIC_PASSWORD,
              realm: c.WEBHOOK_DIGEST_REALM,
              ...(c.WEBHOOK_DIGEST_NONCE ? { staticNonce: c.WEBHOOK_DIGEST_NONCE } : {}),
            },
          }
        : {}),
    });
    endpoints.push(GENERIC_WEBHOOK_PATH);
  }

  const poller = c.POLL_ENABLED
    ? createOrderPoller({
        orders: d.orders,
        ingest,
        checkpoints: d.checkpoints,
        metrics: d.metrics,
        logger: d.logger,
        now,
        intervalMs: c.POLL_INTERVAL_MS,
        pageSize: c.POLL_PAGE_SIZE,
        overlapMs: c.POLL_OVERLAP_MS,
        ...(c.POLL_START_AT ? { startAt: c.POLL_START_AT } : {}),
        ...(d.schedule ? { schedule: d.schedule } : {}),
      })
    : undefined;
  return { ingest, poller, endpoints };
}

/** Real dependencies from the service context: Magento client, state tables on Kafka, then buildApp. */
export async function wireService(
  ctx: ServiceContext<Config>,
  opts: { now?: () => number; schedule?: OrderPollerOptions['schedule'] } = {},
): Promise<App> {
  const { config, logger, metrics } = ctx;
  const { http, transport } = magentoConnection(config, {
    logger,
    metrics,
    requireTls: config.HTTP_REQUIRE_TLS,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const orders = createOrdersClient(transport);
  // Loaded by ctx.start() before the HTTP server opens, then kept tailing.
  const table: TableOf = (topic, accept) => ctx.table(topic, accept);
  const versions = kafkaOrderVersions(table, logger);
  const checkpoints = kafkaCheckpointStore(table);
  const app = await buildApp({
    config,
    http: ctx.http,
    logger,
    metrics,
    produce: (r) => ctx.producer.send(r),
    deadLetter: (r) => ctx.producer.send(r),
    orders,
    versions,
    checkpoints,
    ...opts,
  });
  ctx.addReadinessCheck('magento', async () =>
    http.isOpen(MAGENTO_GROUP) ? { ok: false, detail: 'Magento REST breaker open' } : { ok: true },
  );
  ctx.onStop('poller', () => app.poller?.stop());
  ctx.onStop('magento-http', () => http.close());
  logger.info({ endpoints: app.endpoints, poller: Boolean(app.poller) }, 'magento-ingest wired');
  return app;
}
