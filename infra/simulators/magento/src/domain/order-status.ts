import type { Order } from '../state/types';

/** Default status of each state, as in Magento's `sales_order_status_state`. */
const DEFAULT_STATUS: Record<string, string> = {
  new: 'pending',
  processing: 'processing',
  complete: 'complete',
  closed: 'closed',
  canceled: 'canceled',
  holded: 'holded',
  payment_review: 'payment_review',
};

const round4 = (n: number): number => Math.round(n * 10000) / 10000;
export const money = (n: number): number => Math.round(n * 100) / 100;
export { round4 };

export const qtyToShip = (i: Order['items'][number]): number =>
  round4(i.qty_ordered - i.qty_shipped - i.qty_refunded - i.qty_canceled);
export const qtyToInvoice = (i: Order['items'][number]): number =>
  round4(i.qty_ordered - i.qty_invoiced - i.qty_canceled);

/** Order state after a document: new → processing (invoice or partial shipment) → complete (all invoiced and shipped). */
export function advanceState(order: Order): void {
  if (['canceled', 'closed', 'holded'].includes(order.state)) return;
  const allShipped = order.items.every((i) => qtyToShip(i) <= 0);
  const allInvoiced = order.items.every((i) => qtyToInvoice(i) <= 0);
  const anyActivity = order.items.some((i) => i.qty_shipped > 0 || i.qty_invoiced > 0);
  const next = allShipped && allInvoiced ? 'complete' : anyActivity ? 'processing' : order.state;
  if (next !== order.state) {
    order.state = next;
    order.status = DEFAULT_STATUS[next] ?? next;
  }
}
