import { magentoDate } from '../http/dates';
import { errors } from '../http/errors';
import { MagentoState } from '../state/store';
import type { Invoice, Order } from '../state/types';
import type { DomainContext } from './context';
import { resolveQtys, type RequestedItem } from './document-qtys';
import { touch } from './orders';
import { advanceState, money, qtyToInvoice, round4 } from './order-status';
import { commentsOf } from './shipments';

export interface InvoiceRequest {
  capture?: boolean;
  items?: RequestedItem[];
  notify?: boolean;
  appendComment?: boolean;
  comment?: { comment?: string; is_visible_on_front?: number };
}

const BLOCKED_STATES = ['payment_review', 'holded', 'canceled', 'complete', 'closed'];

/** `POST /V1/order/{id}/invoice` with Magento's validations (no second full invoice); returns the invoice. */
export function invoiceOrder(ctx: DomainContext, order: Order, req: InvoiceRequest): Invoice {
  const messages: string[] = [];
  if (BLOCKED_STATES.includes(order.state)) {
    messages.push(`An invoice cannot be created when an order has a status of ${order.status}`);
  } else if (!order.items.some((i) => qtyToInvoice(i) > 0)) {
    messages.push('The order does not allow an invoice to be created.');
  }
  const lines = messages.length ? [] : resolveQtys(order, req.items, 'invoice', messages);
  if (messages.length) throw errors.badRequest(`Invoice Document Validation Error(s):\n${messages.join('\n')}`);

  const { state } = ctx;
  const now = magentoDate(ctx.now());
  const id = state.nextId('invoice');
  const firstInvoice = ![...state.invoices.values()].some((i) => i.order_id === order.entity_id);
  const subtotal = money(lines.reduce((s, l) => s + l.qty * l.item.price, 0));
  const shipping = firstInvoice ? order.shipping_amount : 0;
  const grand = money(subtotal + shipping);
  const shippingAddress = order.extension_attributes.shipping_assignments[0]?.shipping.address;
  const invoice: Invoice = {
    entity_id: id,
    increment_id: MagentoState.incrementId(id),
    order_id: order.entity_id,
    store_id: order.store_id,
    state: paidOnRegister(order.payment.method, req.capture) ? 2 : 1,
    billing_address_id: order.billing_address.entity_id,
    shipping_address_id: shippingAddress?.entity_id ?? order.billing_address.entity_id,
    base_currency_code: order.base_currency_code,
    order_currency_code: order.order_currency_code,
    subtotal,
    shipping_amount: shipping,
    tax_amount: 0,
    discount_amount: 0,
    grand_total: grand,
    base_grand_total: grand,
    total_qty: round4(lines.reduce((s, l) => s + l.qty, 0)),
    can_void_flag: 0,
    email_sent: req.notify ? 1 : null,
    created_at: now,
    updated_at: now,
    items: lines.map(({ item, qty }) => ({
      entity_id: state.nextId('documentItem'),
      parent_id: id,
      order_item_id: item.item_id,
      product_id: item.product_id,
      sku: item.sku,
      name: item.name,
      qty,
      price: item.price,
      row_total: money(qty * item.price),
    })),
    comments: commentsOf(state, id, req, now),
  };
  for (const { item, qty } of lines) item.qty_invoiced = round4(item.qty_invoiced + qty);
  order.total_invoiced = money((order.total_invoiced ?? 0) + grand);
  if (invoice.state === 2) {
    order.total_paid = money((order.total_paid ?? 0) + grand);
    order.payment.amount_paid = order.total_paid;
    order.total_due = money(order.grand_total - order.total_paid);
  }
  state.invoices.set(id, invoice);
  advanceState(order);
  ctx.events.emit('sales_order_invoice_save_after', 'invoice', id, invoice, ctx.now());
  touch(ctx, order);
  return invoice;
}

/**
 * Magento's Invoice::register(): an offline (non-gateway) method is paid when the invoice is registered;
 * a gateway method only when the invoice captures (REST `capture: true`).
 */
const OFFLINE_METHODS = new Set(['checkmo', 'cashondelivery', 'banktransfer', 'purchaseorder', 'free']);
function paidOnRegister(method: string, capture: boolean | undefined): boolean {
  return capture === true || OFFLINE_METHODS.has(method);
}
