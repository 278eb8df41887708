// Builds the transformer from injected dependencies (no process.env, no singletons): the ORNO index over
// xref.order.v1, one handler per consumed topic, and the `transformer` consumer group.
import { routeByTopic, type GroupConsumer, type Handler, type ServiceContext } from '@m3mage/runtime';
import { conflatableTopics, GROUP, TOPIC } from '@m3mage/topics/catalogue';
import type { Send } from './commands/command';
import type { Config } from './config';
import { magentoCustomerHandler } from './handlers/magento-customer.handler';
import { magentoOrderHandler } from './handlers/magento-order.handler';
import { m3CustomerHandler } from './handlers/m3-customer.handler';
import { m3InvoiceHandler } from './handlers/m3-invoice.handler';
import { m3ItemHandler } from './handlers/m3-item.handler';
import { m3SalesOrderHandler } from './handlers/m3-sales-order.handler';
import { m3ShipmentHandler } from './handlers/m3-shipment.handler';
import { m3StockHandler } from './handlers/m3-stock.handler';
import { m3WarehouseHandler } from './handlers/m3-warehouse.handler';
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
  const m3 = { send, now, orders };
  const log = emittedLog(emitted, now);
  const handlers: Record<string, Handler<unknown>> = {
    [TOPIC.cdcMagentoOrder]: magentoOrderHandler({ send, now, emitted: log }) as Handler<unknown>,
    [TOPIC.cdcMagentoCustomer]: magentoCustomerHandler({
      send,
      now,
      emitted: log,
      logger: ctx.logger,
    }) as Handler<unknown>,
    [TOPIC.cdcM3Customer]: m3CustomerHandler({ send, now, emitted: log, customers }) as Handler<unknown>,
    [TOPIC.cdcM3Item]: m3ItemHandler({ send, now, emitted: log }) as Handler<unknown>,
    [TOPIC.cdcM3Warehouse]: m3WarehouseHandler({ send, now, emitted: log }) as Handler<unknown>,
    [TOPIC.cdcM3Stock]: m3StockHandler({ send, now, metrics: ctx.metrics }) as Handler<unknown>,
    [TOPIC.cdcM3Shipment]: m3ShipmentHandler(m3) as Handler<unknown>,
    [TOPIC.cdcM3Invoice]: m3InvoiceHandler(m3) as Handler<unknown>,
    [TOPIC.cdcM3SalesOrder]: m3SalesOrderHandler(m3) as Handler<unknown>,
  };
  const consumer = ctx.consume<unknown>({
    maxInFlight: ctx.config.TRANSFORMER_MAX_IN_FLIGHT,
    conflate: conflatableTopics(topology.group.consumes),
    handler: routeByTopic('transformer', handlers, topology.group.consumes),
  });
  return { orders, handlers, consumer };
}
