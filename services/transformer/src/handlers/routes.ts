// Which handler the transformer runs for each change topic it consumes, built from the handlers' shared
// dependencies. The service routes its consumer through this table (app.ts); a shadow replay
// (infra/replay/shadow) builds the same table with `send` captured, so both run exactly the same mapping.
import type { Handler, Logger, Metrics } from '@m3mage/runtime';
import { TOPIC } from '@m3mage/topics/catalogue';
import type { Send } from '../commands/command';
import type { EmittedLog } from '../state/emitted-log';
import type { CustomerIndex } from '../xref/customer-index';
import type { OrderIndex } from '../xref/order-index';
import { magentoCustomerHandler } from './magento-customer.handler';
import { magentoOrderHandler } from './magento-order.handler';
import { m3CustomerHandler } from './m3-customer.handler';
import { m3InvoiceHandler } from './m3-invoice.handler';
import { m3ItemHandler } from './m3-item.handler';
import { m3SalesOrderHandler } from './m3-sales-order.handler';
import { m3ShipmentHandler } from './m3-shipment.handler';
import { m3StockHandler } from './m3-stock.handler';
import { m3WarehouseHandler } from './m3-warehouse.handler';

export interface TransformerHandlerDeps {
  send: Send;
  now: () => number;
  /** What was last sent per document (commands equal to it are not sent again). */
  emitted: EmittedLog;
  /** ORNO → increment id (xref.order.v1). */
  orders: Pick<OrderIndex, 'incrementIdOf'>;
  /** M3 customer → Magento customer (xref.customer.v1). */
  customers: Pick<CustomerIndex, 'magentoIdOf'>;
  logger?: Logger;
  metrics?: Pick<Metrics, 'messagesTotal' | 'service'>;
}

/** Change topic → its handler. */
export function transformerHandlers(deps: TransformerHandlerDeps): Record<string, Handler<unknown>> {
  const { send, now, emitted, orders, customers } = deps;
  const m3 = { send, now, orders };
  return {
    [TOPIC.cdcMagentoOrder]: magentoOrderHandler({ send, now, emitted }) as Handler<unknown>,
    [TOPIC.cdcMagentoCustomer]: magentoCustomerHandler({
      send,
      now,
      emitted,
      ...(deps.logger ? { logger: deps.logger } : {}),
    }) as Handler<unknown>,
    [TOPIC.cdcM3Customer]: m3CustomerHandler({ send, now, emitted, customers }) as Handler<unknown>,
    [TOPIC.cdcM3Item]: m3ItemHandler({ send, now, emitted }) as Handler<unknown>,
    [TOPIC.cdcM3Warehouse]: m3WarehouseHandler({ send, now, emitted }) as Handler<unknown>,
    [TOPIC.cdcM3Stock]: m3StockHandler({
      send,
      now,
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
    }) as Handler<unknown>,
    [TOPIC.cdcM3Shipment]: m3ShipmentHandler(m3) as Handler<unknown>,
    [TOPIC.cdcM3Invoice]: m3InvoiceHandler(m3) as Handler<unknown>,
    [TOPIC.cdcM3SalesOrder]: m3SalesOrderHandler(m3) as Handler<unknown>,
  };
}
