// Builds the transformer from injected dependencies (no process.env, no singletons): the ORNO index over
// xref.order.v1, one handler per consumed topic (handlers/routes.ts), and the `transformer` consumer group.
import { routeByTopic, type GroupConsumer, type Handler, type ServiceContext } from '@m3mage/runtime';
import { conflatableTopics, GROUP, TOPIC } from '@m3mage/topics/catalogue';
import type { Send } from './commands/command';
import type { Config } from './config';
import { transformerHandlers } from './handlers/routes';
import { createOrderIndex, type OrderIndex } from './xref/order-index';
import { createCustomerIndex } from './xref/customer-index';
import { emittedLog } from './state/emitted-log';
import type { DocumentVersion } from '@m3mage/schemas/types';

export interface AppOptions {
  /** Built with the `transformer` group of the catalogue (GROUP.transformer). */
  ctx: ServiceContext<Config>;
  now?: () => number;
}

export interface TransformerApp {
  orders: OrderIndex;
  handlers: Record<string, Handler<unknown>>;
  consumer: GroupConsumer;
}

/** What the service needs of the catalogue: its group, what it produces, the tables it reads. */
export const topology = {
  group: GROUP.transformer,
  produces: [
    TOPIC.cmdM3Customer,
    TOPIC.cmdM3CustomerOrder,
    TOPIC.cmdM3GlJournal,
    TOPIC.cmdMagentoOrder,
    TOPIC.cmdMagentoProduct,
    TOPIC.cmdMagentoSource,
    TOPIC.cmdMagentoSourceItem,
    TOPIC.cmdMagentoCustomer,
    TOPIC.stateTransformerEmitted,
  ],
  reads: [TOPIC.xrefOrder, TOPIC.xrefCustomer],
};

export function buildApp(opts: AppOptions): TransformerApp {
  const { ctx } = opts;
  const now = opts.now ?? Date.now;
  const orders = createOrderIndex();
  const xref = ctx.table(TOPIC.xrefOrder, (v) => orders.accept(v));
  ctx.addReadinessCheck('xref-order', async () =>
    xref.ready() ? { ok: true } : { ok: false, detail: `${TOPIC.xrefOrder} loading` },
  );
  const customers = createCustomerIndex();
  const customerXref = ctx.table(TOPIC.xrefCustomer, (v) => customers.accept(v));
  ctx.addReadinessCheck('xref-customer', async () =>
    customerXref.ready() ? { ok: true } : { ok: false, detail: `${TOPIC.xrefCustomer} loading` },
  );
  const emitted = ctx.table<DocumentVersion>(TOPIC.stateTransformerEmitted);
  ctx.addReadinessCheck('emitted-log', async () =>
    emitted.ready() ? { ok: true } : { ok: false, detail: `${TOPIC.stateTransformerEmitted} loading` },
  );
  const send: Send = (record) => ctx.producer.send(record);
  const handlers = transformerHandlers({
    send,
    now,
    emitted: emittedLog(emitted, now),
    orders,
    customers,
    logger: ctx.logger,
    metrics: ctx.metrics,
  });
  const consumer = ctx.consume<unknown>({
    maxInFlight: ctx.config.TRANSFORMER_MAX_IN_FLIGHT,
    conflate: conflatableTopics(topology.group.consumes),
    handler: routeByTopic('transformer', handlers, topology.group.consumes),
  });
  return { orders, handlers, consumer };
}
