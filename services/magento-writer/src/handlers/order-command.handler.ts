// cmd.magento.order.v1 → the Magento write it asks for. The runtime runs one command per order (key =
// increment id) at a time, so writes to one order never overlap. Errors are thrown and classified by the
// runtime: Magento 400 (e.g. "cannot ship more than ordered") → DLQ with Magento's message; 5xx, timeouts,
// connection errors → retry (breaker open → partitions paused); an unknown order → DLQ.
import type { Handler, HandlerResult, Logger } from '@m3mage/runtime';
import { orderNotFound, type MagentoClient } from '../clients/magento.client';
import type { MagentoOrderCommand } from '@m3mage/schemas/types';
import { commentAction } from './comment.action';
import { invoiceAction } from './invoice.action';
import { markerOf } from './markers';
import { shipAction, type ActionOutcome } from './ship.action';

export interface OrderCommandDeps {
  magento: MagentoClient;
  logger: Logger;
}

export function orderCommandHandler(deps: OrderCommandDeps): Handler<MagentoOrderCommand> {
  return async (msg): Promise<HandlerResult> => {
    const cmd = msg.value;
    if (!cmd) return { outcome: 'ack' };
    const order = await deps.magento.orderByIncrementId(cmd.incrementId);
    if (!order) throw orderNotFound(cmd.incrementId);
    const marker = markerOf(cmd.meta.idempotencyKey);
    const a = cmd.action;
    let action: string;
    let outcome: ActionOutcome;
    if ('m3mage.commands.ShipOrder' in a) {
      action = 'ship';
      outcome = await shipAction(deps.magento, order, a['m3mage.commands.ShipOrder'], marker);
    } else if ('m3mage.commands.InvoiceOrder' in a) {
      action = 'invoice';
      outcome = await invoiceAction(deps.magento, order, a['m3mage.commands.InvoiceOrder'], marker);
    } else {
      action = 'comment';
      outcome = await commentAction(deps.magento, order, a['m3mage.commands.AddOrderComment'], marker);
    }
    deps.logger.info(
      {
        incrementId: cmd.incrementId,
        orderId: order.entity_id,
        action,
        outcome,
        idempotencyKey: cmd.meta.idempotencyKey,
      },
      `order ${cmd.incrementId}: ${action} ${outcome}`,
    );
    return { outcome: 'ack' };
  };
}
