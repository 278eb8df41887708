import type { Order, OrderItem } from '../state/types';
import { qtyToInvoice, qtyToShip, round4 } from './order-status';

export interface RequestedItem {
  order_item_id: number;
  qty: number;
}

export type DocumentMode = 'ship' | 'invoice';

const WORDS = {
  ship: {
    tooMany: 'The quantity to ship must not be greater than the unshipped quantity for product SKU "%1".',
    empty: "You can't create a shipment without products.",
  },
  invoice: {
    tooMany: 'The quantity to invoice must not be greater than the uninvoiced quantity for product SKU "%1".',
    empty: "You can't create an invoice without products.",
  },
} as const;

/**
 * Resolves the quantities of a shipment/invoice request, collecting Magento's validation messages.
 * No items requested → everything still open (as `ShipOrder`/`InvoiceOrder` do).
 */
export function resolveQtys(
  order: Order,
  requested: RequestedItem[] | undefined,
  mode: DocumentMode,
  messages: string[],
): Array<{ item: OrderItem; qty: number }> {
  const open = mode === 'ship' ? qtyToShip : qtyToInvoice;
  const lines: Array<{ item: OrderItem; qty: number }> = [];
  if (!requested || requested.length === 0) {
    for (const item of order.items) if (open(item) > 0) lines.push({ item, qty: open(item) });
  } else {
    for (const r of requested) {
      const item = order.items.find((i) => i.item_id === Number(r.order_item_id));
      if (!item) {
        messages.push(
          `The ${mode === 'ship' ? 'shipment' : 'invoice'} contains product item id "${r.order_item_id}" that is not part of the original order.`,
        );
        continue;
      }
      const qty = round4(Number(r.qty));
      if (qty > open(item)) {
        messages.push(WORDS[mode].tooMany.replace('%1', item.sku));
        continue;
      }
      if (qty > 0) lines.push({ item, qty });
    }
  }
  if (messages.length === 0 && lines.reduce((s, l) => s + l.qty, 0) <= 0) messages.push(WORDS[mode].empty);
  return lines;
}
