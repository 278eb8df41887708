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
    global_currency_code: order.global_currency_code,
    store_currency_code: order.store_currency_code,
    base_to_global_rate: order.base_to_global_rate,
    base_to_order_rate: order.base_to_order_rate,
    store_to_base_rate: order.store_to_base_rate,
    store_to_order_rate: order.store_to_order_rate,
    subtotal,
    base_subtotal: subtotal,
    subtotal_incl_tax: subtotal,
    base_subtotal_incl_tax: subtotal,
    shipping_amount: shipping,
    base_shipping_amount: shipping,
    shipping_incl_tax: shipping,
    base_shipping_incl_tax: shipping,
    shipping_tax_amount: 0,
    base_shipping_tax_amount: 0,
    tax_amount: 0,
    base_tax_amount: 0,
    discount_amount: 0,
    base_discount_amount: 0,
    discount_tax_compensation_amount: 0,
    base_discount_tax_compensation_amount: 0,
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
      base_price: item.base_price,
      price_incl_tax: item.price_incl_tax,
      base_price_incl_tax: item.base_price_incl_tax,
      row_total: money(qty * item.price),
      base_row_total: money(qty * item.base_price),
      row_total_incl_tax: money(qty * item.price_incl_tax),
      base_row_total_incl_tax: money(qty * item.base_price_incl_tax),
      tax_amount: 0,
      base_tax_amount: 0,
      discount_amount: 0,
      base_discount_amount: 0,
      discount_tax_compensation_amount: 0,
      base_discount_tax_compensation_amount: 0,
    })),
    comments: commentsOf(state, id, req, now),
  };
  for (const { item, qty } of lines) {
    item.qty_invoiced = round4(item.qty_invoiced + qty);
    item.row_invoiced = money(item.row_invoiced + qty * item.price);
    item.base_row_invoiced = money(item.base_row_invoiced + qty * item.base_price);
  }
  const add = (a: number | null, b: number): number => money((a ?? 0) + b);
  order.total_invoiced = add(order.total_invoiced, grand);
  order.base_total_invoiced = add(order.base_total_invoiced, grand);
  order.subtotal_invoiced = add(order.subtotal_invoiced, subtotal);
  order.base_subtotal_invoiced = add(order.base_subtotal_invoiced, subtotal);
  order.shipping_invoiced = add(order.shipping_invoiced, shipping);
  order.base_shipping_invoiced = add(order.base_shipping_invoiced, shipping);
  order.tax_invoiced = add(order.tax_invoiced, 0);
  order.base_tax_invoiced = add(order.base_tax_invoiced, 0);
  order.discount_invoiced = add(order.discount_invoiced, 0);
  order.base_discount_invoiced = add(order.base_discount_invoiced, 0);
  if (invoice.state === 2) {
    order.total_paid = add(order.total_paid, grand);
    order.base_total_paid = add(order.base_total_paid, grand);
    order.payment.amount_paid = order.total_paid;
    order.payment.base_amount_paid = order.base_total_paid;
    order.payment.shipping_captured = add(order.payment.shipping_captured, shipping);
    order.payment.base_shipping_captured = add(order.payment.base_shipping_captured, shipping);
    order.total_due = money(order.grand_total - order.total_paid);
    order.base_total_due = money(order.base_grand_total - order.base_total_paid);
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
