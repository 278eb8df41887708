// Command lines (SKU, decimal quantity) → Magento `{order_item_id, qty}` of one order.
import { AppError } from '@m3mage/runtime';
import type { ItemQtyBody, MagentoOrder, MagentoOrderItem } from '../clients/types';
import type { ItemQty } from '@m3mage/schemas/types';

/** The order line a SKU ships/invoices on: the top-level item (a configurable's parent), else the first. */
function itemOf(order: MagentoOrder, sku: string): MagentoOrderItem | undefined {
  const matches = order.items.filter((i) => i.sku === sku);
  return matches.find((i) => !i.parent_item_id) ?? matches[0];
}

export function orderItems(order: MagentoOrder, lines: readonly ItemQty[]): ItemQtyBody[] {
  const unknown = lines.filter((l) => !itemOf(order, l.sku)).map((l) => l.sku);
  if (unknown.length > 0) {
    throw new AppError(
      'MAPPING_UNMAPPABLE',
      `SKU ${unknown.map((s) => `'${s}'`).join(', ')} not on Magento order ${order.increment_id} (skus: ${order.items.map((i) => i.sku).join(', ')})`,
      { details: { incrementId: order.increment_id, unknownSkus: unknown } },
    );
  }
  return lines.map((l) => ({ order_item_id: itemOf(order, l.sku)!.item_id, qty: Number(l.qty) }));
}

/** Nothing left to invoice on any line. */
export const fullyInvoiced = (order: MagentoOrder): boolean =>
  order.items.every((i) => (i.qty_invoiced ?? 0) + (i.qty_canceled ?? 0) >= i.qty_ordered);
