// cmd.magento.order.v1 → the Magento write it asks for, found in the action table (one row per branch of the
// command's action union). The runtime runs one command per order (key =
// increment id) at a time, so writes to one order never overlap. Errors are thrown and classified by the
// runtime: Magento 400 (e.g. "cannot ship more than ordered") → DLQ with Magento's message; 5xx, timeouts,
// connection errors → retry (breaker open → partitions paused); an unknown order → DLQ.
import { AppError, type Handler, type HandlerResult, type Logger } from '@m3mage/runtime';
import { orderNotFound, type MagentoClient } from '../clients/magento.client';
import type { MagentoOrder } from '../clients/types';
import type { MagentoOrderCommand } from '@m3mage/schemas/types';
import { commentAction } from './comment.action';
import { invoiceAction } from './invoice.action';
import { markerOf } from './markers';
import { shipAction, type ActionOutcome } from './ship.action';

export interface OrderCommandDeps {
  magento: MagentoClient;
  logger: Logger;
}

type Action = MagentoOrderCommand['action'];
type ActionOf<K extends string> = Action extends infer A ? (A extends Record<K, infer V> ? V : never) : never;

/** One row per action of the command's union: its noun in logs and what it does to the order. */
interface ActionRow<K extends string> {
  name: string;
  run(magento: MagentoClient, order: MagentoOrder, action: ActionOf<K>, marker: string): Promise<ActionOutcome>;
}

const actions: { [K in Action extends infer A ? keyof A & string : never]: ActionRow<K> } = {
  'm3mage.commands.ShipOrder': { name: 'shipment', run: shipAction },
  'm3mage.commands.InvoiceOrder': { name: 'invoice', run: invoiceAction },
  'm3mage.commands.AddOrderComment': { name: 'comment', run: commentAction },
};

export function orderCommandHandler(deps: OrderCommandDeps): Handler<MagentoOrderCommand> {
  return async (msg): Promise<HandlerResult> => {
    const cmd = msg.value;
    if (!cmd) return { outcome: 'ack' };
    const [branch, body] = Object.entries(cmd.action)[0] ?? [];
    const row = branch ? (actions as Record<string, ActionRow<string>>)[branch] : undefined;
    if (!row) {
      throw new AppError('VALIDATION', `order ${cmd.incrementId}: magento-writer has no action ${String(branch)}`, {
        details: { incrementId: cmd.incrementId, action: branch ?? null },
      });
    }
    const order = await deps.magento.orderByIncrementId(cmd.incrementId);
    if (!order) throw orderNotFound(cmd.incrementId);
    const outcome = await row.run(deps.magento, order, body as never, markerOf(cmd.meta.idempotencyKey));
    deps.logger.info(
      {
        incrementId: cmd.incrementId,
        orderId: order.entity_id,
        action: row.name,
        outcome,
        idempotencyKey: cmd.meta.idempotencyKey,
      },
      `order ${cmd.incrementId}: ${row.name} ${outcome}`,
    );
    return { outcome: 'ack' };
  };
}
