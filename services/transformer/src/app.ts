// Builds the transformer from injected dependencies (no process.env, no singletons): the ORNO index over
// xref.order.v1, one handler per consumed topic, and the `transformer` consumer group.
import type { GroupConsumer, Handler, ServiceContext } from '@m3mage/runtime';
import type { Send } from './commands/command';
import type { Config } from './config';
import { magentoOrderHandler } from './handlers/magento-order.handler';
import { m3InvoiceHandler } from './handlers/m3-invoice.handler';
import { m3SalesOrderHandler } from './handlers/m3-sales-order.handler';
import { m3ShipmentHandler } from './handlers/m3-shipment.handler';
import { GROUP_ID, topics } from './topics';
import { createOrderIndex, type OrderIndex } from './xref/order-index';
import { emittedLog } from './state/emitted-log';
import type { DocumentVersion } from '@m3mage/schemas/types';

export interface AppOptions {
  ctx: ServiceContext<Config>;
  groupId?: string;
  tierDelaysMs?: number[];
  now?: () => number;
}

export interface TransformerApp {
  orders: OrderIndex;
  handlers: Record<string, Handler<unknown>>;
  consumer: GroupConsumer;
}

/** Topics consumed by the `transformer` group and produced by the service. */
export const consumes = [topics.magentoOrder, topics.m3SalesOrder, topics.m3Shipment, topics.m3Invoice];
export const produces = [topics.customerOrder, topics.glJournal, topics.magentoOrderCommand, topics.emitted];

export function buildApp(opts: AppOptions): TransformerApp {
  const { ctx } = opts;
  const now = opts.now ?? Date.now;
  const orders = createOrderIndex();
  const xref = ctx.table(topics.xrefOrder, (v) => orders.accept(v));
  ctx.addReadinessCheck('xref-order', async () =>
    xref.ready() ? { ok: true } : { ok: false, detail: 'xref.order.v1 loading' },
  );
  const emitted = ctx.table<DocumentVersion>(topics.emitted);
  ctx.addReadinessCheck('emitted-log', async () =>
    emitted.ready() ? { ok: true } : { ok: false, detail: `${topics.emitted} loading` },
  );
  const send: Send = (record) => ctx.producer.send(record);
  const m3 = { send, now, orders };
  const handlers: Record<string, Handler<unknown>> = {
    [topics.magentoOrder]: magentoOrderHandler({ send, now, emitted: emittedLog(emitted, now) }) as Handler<unknown>,
    [topics.m3Shipment]: m3ShipmentHandler(m3) as Handler<unknown>,
    [topics.m3Invoice]: m3InvoiceHandler(m3) as Handler<unknown>,
    [topics.m3SalesOrder]: m3SalesOrderHandler(m3) as Handler<unknown>,
  };
  const consumer = ctx.consume<unknown>({
    groupId: opts.groupId ?? GROUP_ID,
    topics: consumes,
    maxInFlight: ctx.config.TRANSFORMER_MAX_IN_FLIGHT,
    ...(opts.tierDelaysMs ? { tierDelaysMs: opts.tierDelaysMs } : {}),
    handler: (msg) => {
      const handler = handlers[msg.topic];
      if (!handler) throw new Error(`transformer has no handler for topic ${msg.topic}`);
      return handler(msg);
    },
  });
  return { orders, handlers, consumer };
}
