// Builds magento-ingest from injected dependencies (no process.env, no singletons): the entity registry (order,
// customer), the three endpoints dispatching by event name to its entities, the ingest pipeline and one poller
// per polled entity. wireService() supplies the real ones from a ServiceContext.
import { type DeadLetter, type Logger, type Metrics, type OutgoingRecord, type ServiceContext } from '@m3mage/runtime';
import type { FastifyInstance } from 'fastify';
import { parsePublicKeys } from './auth/signatures';
import { magentoConnection } from '@m3mage/connectors/magento';
import { createCustomersClient, type CustomersClient } from './clients/magento-customers.client';
import { createOrdersClient, MAGENTO_GROUP, type OrdersClient } from './clients/magento-orders.client';
import type { Config } from './config';
import { customerEntity } from './entities/customer.entity';
import type { Entity, EntityName } from './entities/entity';
import { orderEntity } from './entities/order.entity';
import { createRegistry, type Registry } from './entities/registry';
import type { ProduceChange } from './ingest/delivery';
import { createIngest, type Ingest } from './ingest/ingest';
import { createPoller, type Poller, type PollerOptions } from './poller/poller';
import { commerceWebhookRoute, COMMERCE_WEBHOOK_PATH } from './routes/commerce-webhook.route';
import type { EndpointCommon } from './routes/endpoint';
import { genericWebhookRoute, GENERIC_WEBHOOK_PATH } from './routes/generic-webhook.route';
import { ioEventsRoute, IO_EVENTS_PATH } from './routes/io-events.route';
import { kafkaCheckpointStore, kafkaVersions, type CheckpointStore, type TableOf, type Versions } from './state/stores';
import { TOPIC } from '@m3mage/topics/catalogue';

/** What the service needs of the catalogue: no group (HTTP and the pollers in), change data, its DLQ and tables. */
export const topology = {
  produces: [
    TOPIC.cdcMagentoOrder,
    TOPIC.cdcMagentoCustomer,
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
  /** cdc.magento.order.v1 and cdc.magento.customer.v1 (a tombstone is a null value). */
  produce: ProduceChange;
  /** magento-ingest.dlq: records read in full that cannot be mapped. */
  deadLetter: (record: OutgoingRecord<DeadLetter>) => Promise<unknown>;
  orders: OrdersClient;
  customers: CustomersClient;
  versions: Versions;
  checkpoints: CheckpointStore;
  now?: () => number;
  schedule?: PollerOptions['schedule'];
}

export interface App {
  registry: Registry;
  ingest: Ingest;
  /** The order poller (POLL_ENABLED). */
  poller: Poller | undefined;
  /** Every poller that is on, orders first (POLL_ENABLED, CUSTOMER_POLL_ENABLED). */
  pollers: Poller[];
  /** Paths of the endpoints that have credentials configured (the others are not served). */
  endpoints: string[];
}

export async function buildApp(d: AppDeps): Promise<App> {
  const { config: c } = d;
  const now = d.now ?? Date.now;
  const order = orderEntity(d.orders);
  const customer = customerEntity(d.customers);
  const registry = createRegistry([order, customer]);
  const ingest = createIngest({
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
      registry,
      ...(c.IO_EVENTS_PUBLIC_KEY ? { publicKeys: parsePublicKeys(c.IO_EVENTS_PUBLIC_KEY) } : {}),
      ...(c.IO_EVENTS_TOKEN ? { token: c.IO_EVENTS_TOKEN } : {}),
    });
    endpoints.push(IO_EVENTS_PATH);
  }
  if (c.WEBHOOK_PUBLIC_KEY) {
    await d.http.register(commerceWebhookRoute, {
      ...common,
      registry,
      publicKeys: parsePublicKeys(c.WEBHOOK_PUBLIC_KEY),
    });
    endpoints.push(COMMERCE_WEBHOOK_PATH);
  }
  if (c.WEBHOOK_HMAC_SECRET || c.WEBHOOK_BASIC_USER) {
    await d.http.register(genericWebhookRoute, {
      ...common,
      registry,
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

  const pollerOf = (entity: Entity): Poller =>
    createPoller({
      entity,
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
    });
  const polled: Record<EntityName, boolean> = { order: c.POLL_ENABLED, customer: c.CUSTOMER_POLL_ENABLED };
  const pollers = registry.entities.filter((e) => polled[e.name]).map(pollerOf);
  const poller = pollers.find((p) => p.name === order.poll.name);
  return { registry, ingest, poller, pollers, endpoints };
}

/** Real dependencies from the service context: Magento clients, state tables on Kafka, then buildApp. */
export async function wireService(
  ctx: ServiceContext<Config>,
  opts: { now?: () => number; schedule?: PollerOptions['schedule'] } = {},
): Promise<App> {
  const { config, logger, metrics } = ctx;
  const { http, transport } = magentoConnection(config, {
    logger,
    metrics,
    requireTls: config.HTTP_REQUIRE_TLS,
    ...(opts.now ? { now: opts.now } : {}),
  });
  // Loaded by ctx.start() before the HTTP server opens, then kept tailing.
  const table: TableOf = (topic, accept) => ctx.table(topic, accept);
  const app = await buildApp({
    config,
    http: ctx.http,
    logger,
    metrics,
    produce: (r) => ctx.producer.send(r),
    deadLetter: (r) => ctx.producer.send(r),
    orders: createOrdersClient(transport),
    customers: createCustomersClient(transport),
    versions: kafkaVersions(table, logger),
    checkpoints: kafkaCheckpointStore(table),
    ...opts,
  });
  ctx.addReadinessCheck('magento', async () =>
    http.isOpen(MAGENTO_GROUP) ? { ok: false, detail: 'Magento REST breaker open' } : { ok: true },
  );
  ctx.onStop('pollers', async () => {
    await Promise.all(app.pollers.map((p) => p.stop()));
  });
  ctx.onStop('magento-http', () => http.close());
  logger.info({ endpoints: app.endpoints, pollers: app.pollers.map((p) => p.name) }, 'magento-ingest wired');
  return app;
}
