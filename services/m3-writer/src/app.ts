// Builds m3-writer from injected dependencies (no process.env, no singletons): the M3 HTTP client with
// its breaker, ION tokens, the MI client and the M3 operations, the xref tables, the three handlers and
// the consumer group (retry tiers, DLQ, pause while M3 is down).
import {
  breakerPauseSignal,
  createVersionGuard,
  integerVersions,
  routeByTopic,
  type GroupConsumer,
  type CompactedTable,
  type Handler,
  type HttpClient,
  type ServiceContext,
} from '@m3mage/runtime';
import { GROUP, TOPIC } from '@m3mage/topics/catalogue';
import { createCustomerClient } from './clients/customer.client';
import { createGlJournalClient } from './clients/gl-journal.client';
import { m3Connection, type IonApiCredentials } from '@m3mage/connectors/m3';
import { writerMiPolicy } from './clients/mi-policy';
import { createOrderClient } from './clients/order.client';
import type { Config } from './config';
import { createBatchCleanup } from './handlers/batch-cleanup';
import { customerOrderHandler } from './handlers/customer-order.handler';
import { createCustomerResolver } from './handlers/customer-resolver';
import { customerHandler } from './handlers/customer.handler';
import { glJournalHandler } from './handlers/gl-journal.handler';
import type { BatchOrderEntry, CommandMeta, CustomerXref, DocumentVersion, OrderXref } from '@m3mage/schemas/types';

/**
 * What the service needs of the catalogue: its group, and what it produces (the xref tables and the batch
 * order state, which it also reads back as tables; their value schemas are registered at start).
 */
export const topology = {
  group: GROUP.m3Writer,
  produces: [TOPIC.xrefOrder, TOPIC.xrefCustomer, TOPIC.stateM3WriterBatchOrders, TOPIC.stateM3WriterCustomers],
};

export interface AppOptions {
  /** Built with the `m3-writer` group of the catalogue (GROUP.m3Writer). */
  ctx: ServiceContext<Config>;
  ionapi: IonApiCredentials;
  now?: () => number;
}

export interface WriterApp {
  m3: HttpClient;
  xrefOrders: CompactedTable<OrderXref>;
  xrefCustomers: CompactedTable<CustomerXref>;
  batchOrders: CompactedTable<BatchOrderEntry>;
  /** One pass of the abandoned batch order cleanup (also run every M3_BATCH_CLEANUP_INTERVAL_MS). */
  sweepBatchOrders(): Promise<unknown>;
  handlers: { customerOrder: Handler<unknown>; customer: Handler<unknown>; glJournal: Handler<unknown> };
  consumer: GroupConsumer;
}

export async function buildApp(opts: AppOptions): Promise<WriterApp> {
  const { ctx, ionapi } = opts;
  const { config: c, logger, metrics } = ctx;
  const now = opts.now ?? Date.now;
  const { http: m3, mi } = m3Connection(c, {
    ionapi,
    logger,
    metrics,
    now,
    requireTls: c.HTTP_REQUIRE_TLS,
    policy: writerMiPolicy,
  });
  ctx.onStop('m3-http', () => m3.close());

  // Loaded by ctx.start() before the consumers start, kept tailing, stopped by the lifecycle.
  const xrefOrders = ctx.table<OrderXref>(TOPIC.xrefOrder);
  const xrefCustomers = ctx.table<CustomerXref>(TOPIC.xrefCustomer);
  const batchOrders = ctx.table<BatchOrderEntry>(TOPIC.stateM3WriterBatchOrders);
  const accountVersions = ctx.table<DocumentVersion>(TOPIC.stateM3WriterCustomers);
  ctx.addReadinessCheck('xref-tables', async () =>
    xrefOrders.ready() && xrefCustomers.ready() && batchOrders.ready() && accountVersions.ready()
      ? { ok: true }
      : { ok: false, detail: 'xref and batch order tables loading' },
  );

  const publish =
    <T>(topic: string, eventType: string, key: (x: T) => string) =>
    async (value: T, meta: CommandMeta): Promise<void> => {
      await ctx.producer.send({
        topic,
        key: key(value),
        value,
        meta: { correlationId: meta.correlationId, causationId: meta.commandId, eventType, sourceSystem: 'M3' },
      });
    };

  const customerClient = createCustomerClient({
    mi,
    lookupMaxrecs: c.M3_LOOKUP_MAXRECS,
    numbering: c.M3_CUSTOMER_NUMBERING,
    numberPrefix: c.M3_CUSTOMER_NUMBER_PREFIX,
    onDuplicateEmail: ({ kept, others }) => {
      metrics.identityEventsTotal.inc({ entity: 'customer', kind: 'duplicate-email' });
      logger.warn(
        { kept, others },
        `M3 customers ${[kept, ...others].join(', ')} share one e-mail: ${kept} is used (the first CRS610MI LstByName lists); merge them in M3`,
      );
    },
  });
  const customers = createCustomerResolver({
    customers: customerClient,
    xref: xrefCustomers,
    publish: publish<CustomerXref>(TOPIC.xrefCustomer, 'CustomerXref', (x) => x.email),
    now,
  });
  const orders = createOrderClient(mi, c.M3_LOOKUP_MAXRECS);
  const cleanup = createBatchCleanup({
    orders,
    batches: batchOrders,
    logger,
    graceMs: c.M3_BATCH_GRACE_MS,
    action: c.M3_BATCH_CLEANUP,
    now,
  });
  const sweepTimer = setInterval(() => {
    if (batchOrders.ready()) void cleanup.sweep();
  }, c.M3_BATCH_CLEANUP_INTERVAL_MS);
  sweepTimer.unref();
  ctx.onStop('batch-cleanup', () => {
    clearInterval(sweepTimer);
    return Promise.resolve();
  });
  const handlers = {
    customerOrder: customerOrderHandler({
      customers,
      orders,
      xref: xrefOrders,
      batches: batchOrders,
      resume: {
        retries: c.M3_ORDER_RESUME_RETRIES,
        baseDelayMs: 200,
        maxDelayMs: 3_000,
        budgetMs: c.M3_ORDER_RESUME_BUDGET_MS,
      },
      publish: publish<OrderXref>(TOPIC.xrefOrder, 'OrderXref', (x) => x.incrementId),
      now,
    }) as Handler<unknown>,
    customer: customerHandler({
      customers,
      client: customerClient,
      versions: createVersionGuard({ table: accountVersions, scheme: integerVersions, sourceSystem: 'MAGENTO', now }),
      metrics,
      logger,
    }) as Handler<unknown>,
    glJournal: glJournalHandler(
      createGlJournalClient(mi, c.M3_COMPANY, c.M3_DIVISION),
      { interfaceName: c.M3_GL_INTERFACE, division: c.M3_DIVISION },
      logger,
    ) as Handler<unknown>,
  };

  const consumer = ctx.consume<unknown>({
    maxInFlight: c.M3_WRITER_MAX_IN_FLIGHT,
    pauseSignals: [breakerPauseSignal(m3)],
    handler: routeByTopic(
      'm3-writer',
      {
        [TOPIC.cmdM3CustomerOrder]: handlers.customerOrder,
        [TOPIC.cmdM3Customer]: handlers.customer,
        [TOPIC.cmdM3GlJournal]: handlers.glJournal,
      },
      topology.group.consumes,
    ),
  });
  return { m3, xrefOrders, xrefCustomers, batchOrders, sweepBatchOrders: () => cleanup.sweep(), handlers, consumer };
}
