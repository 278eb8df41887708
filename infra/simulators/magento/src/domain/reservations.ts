import { MagentoError, errors } from '../http/errors';
import type { Order, OrderItem } from '../state/types';
import type { DomainContext } from './context';
import { DEFAULT_SOURCE, deductSourceQty } from './inventory';
import { sourcesOfStock, stockOfStore } from './stocks';

/**
 * MSI reservations (magento/inventory InventoryReservations, InventorySales): placing an order appends a
 * reservation of −qty per line on the stock of the order's website; shipping compensates it with +qty and
 * deducts the shipped quantity from the source it ships from (InventorySourceDeductionApi
 * SourceDeductionService). "Quantity on source" is physical stock; "salable quantity" subtracts what open
 * orders reserve.
 */
export function reserveForOrder(ctx: DomainContext, order: Order): void {
  const stock = stockOfStore(ctx, order.store_id);
  if (!stock) return;
  for (const item of order.items) append(ctx, stock.stock_id, item.sku, -item.qty_ordered, 'order_placed', order);
}

export interface ShippedLine {
  item: OrderItem;
  qty: number;
}

/** After a shipment: source deduction and the compensating reservation of each shipped line. */
export function compensateForShipment(
  ctx: DomainContext,
  order: Order,
  lines: readonly ShippedLine[],
  sourceCode = DEFAULT_SOURCE,
): void {
  const stock = stockOfStore(ctx, order.store_id);
  for (const { item, qty } of lines) {
    deductSourceQty(ctx, sourceCode, item.sku, qty);
    if (stock) append(ctx, stock.stock_id, item.sku, qty, 'shipment_created', order);
  }
}

/**
 * `GET /V1/inventory/get-product-salable-quantity/{sku}/{stockId}` (InventorySales GetProductSalableQty):
 * the stock's quantity — the sum of its enabled sources' items in stock (status 1) — plus the reservations
 * (negative for open orders) minus the minimum qty; 0 when no source item of the stock is in stock. An unknown
 * product → 404; an unknown stock has no index table → 400 "Could not receive Stock Item data".
 */
export function salableQty(ctx: DomainContext, sku: string, stockId: number): number {
  const product = ctx.state.products.get(sku);
  if (!product) throw errors.productNotFound();
  if (!['simple', 'virtual'].includes(product.type_id))
    throw new MagentoError(400, "Can't check requested quantity for products without Source Items support.");
  if (!ctx.state.stocks.has(stockId)) throw new MagentoError(400, 'Could not receive Stock Item data');
  const items = sourcesOfStock(ctx, stockId)
    .filter((code) => ctx.state.sources.get(code)?.enabled !== false)
    .map((code) => ctx.state.sourceItems.get(`${sku}@${code}`))
    .filter((i) => i !== undefined && i.status === 1);
  if (items.length === 0) return 0;
  const quantity = items.reduce((s, i) => s + (i?.quantity ?? 0), 0);
  const reserved = ctx.state.reservations
    .filter((r) => r.stock_id === stockId && r.sku === sku)
    .reduce((s, r) => s + r.quantity, 0);
  return round4(quantity + reserved - product.extension_attributes.stock_item.min_qty);
}

function append(
  ctx: DomainContext,
  stockId: number,
  sku: string,
  quantity: number,
  eventType: string,
  order: Order,
): void {
  ctx.state.reservations.push({
    reservation_id: ctx.state.nextId('reservation'),
    stock_id: stockId,
    sku,
    quantity,
    metadata: JSON.stringify({
      event_type: eventType,
      object_type: 'order',
      object_id: String(order.entity_id),
      object_increment_id: order.increment_id,
    }),
  });
}

const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;
