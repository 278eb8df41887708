import { randomBytes } from 'node:crypto';
import { magentoDate } from '../http/dates';
import { errors } from '../http/errors';
import { MagentoState } from '../state/store';
import type { Order, OrderAddress, OrderItem, StatusHistory } from '../state/types';
import type { DomainContext } from './context';
import { money, round4 } from './order-status';
import { productView } from './product-scope';
import { reserveForOrder } from './reservations';
import { DEFAULT_STORE_ID } from './stores';

export interface AddressInput {
  firstname: string;
  lastname: string;
  company?: string;
  street: string[];
  city: string;
  postcode: string;
  country_id: string;
  region?: string | null;
  region_code?: string | null;
  region_id?: number;
  telephone: string;
  customer_address_id?: number;
}

export interface PlaceOrderInput {
  /** A registered customer's id, or a guest's contact. */
  customer: { customerId: number } | { guest: { email: string; firstname: string; lastname: string } };
  billing: AddressInput;
  shipping: AddressInput;
  lines: Array<{ sku: string; qty: number }>;
  paymentMethod?: string;
  /** Non-card payment details only (e.g. a provider token reference). Card data is never stored. */
  paymentInfo?: string[];
  shippingMethod?: string;
  shippingDescription?: string;
  shippingPerItem?: number;
}

/** The invoiced and paid totals of an order that has no invoice yet (absent from REST answers). */
const NOT_INVOICED = {
  total_paid: null,
  base_total_paid: null,
  total_invoiced: null,
  base_total_invoiced: null,
  subtotal_invoiced: null,
  base_subtotal_invoiced: null,
  shipping_invoiced: null,
  base_shipping_invoiced: null,
  tax_invoiced: null,
  base_tax_invoiced: null,
  discount_invoiced: null,
  base_discount_invoiced: null,
} as const;

export function getOrder(ctx: DomainContext, id: number): Order {
  const order = ctx.state.orders.get(id);
  if (!order) throw errors.entityNotFound();
  return order;
}

/** Places an order as checkout would: state `new`, status `pending`; fires place_after and save_after. */
export function placeOrder(ctx: DomainContext, input: PlaceOrderInput): Order {
  const { state } = ctx;
  const now = magentoDate(ctx.now());
  const entityId = state.nextId('order');
  const contact = customerContact(state, input.customer);
  const items = input.lines.map((line) => orderItem(ctx, entityId, line, now));
  if (items.length === 0) throw errors.badRequest('The order has no items.');
  const subtotal = money(items.reduce((s, i) => s + i.row_total, 0));
  const totalQty = round4(items.reduce((s, i) => s + i.qty_ordered, 0));
  const shipping = money(totalQty * (input.shippingPerItem ?? 5));
  const grand = money(subtotal + shipping);
  const billing = orderAddress(state, 'billing', entityId, input.billing, contact.customer_email);
  const shippingAddress = orderAddress(state, 'shipping', entityId, input.shipping, contact.customer_email);
  const method = input.shippingMethod ?? 'flatrate_flatrate';
  const order: Order = {
    entity_id: entityId,
    increment_id: MagentoState.incrementId(entityId),
    quote_id: state.nextId('quote'),
    store_id: 1,
    store_name: 'Main Website\nMain Website Store\nDefault Store View',
    state: 'new',
    status: 'pending',
    protect_code: randomBytes(3).toString('hex'),
    created_at: now,
    updated_at: now,
    ...contact,
    customer_note_notify: 1,
    billing_address_id: billing.entity_id,
    base_currency_code: 'EUR',
    order_currency_code: 'EUR',
    global_currency_code: 'EUR',
    store_currency_code: 'EUR',
    base_to_global_rate: 1,
    base_to_order_rate: 1,
    store_to_base_rate: 0,
    store_to_order_rate: 0,
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
    shipping_discount_amount: 0,
    base_shipping_discount_amount: 0,
    shipping_discount_tax_compensation_amount: 0,
    base_shipping_discount_tax_compensation_amnt: 0,
    tax_amount: 0,
    base_tax_amount: 0,
    discount_amount: 0,
    base_discount_amount: 0,
    discount_tax_compensation_amount: 0,
    base_discount_tax_compensation_amount: 0,
    grand_total: grand,
    base_grand_total: grand,
    ...NOT_INVOICED,
    total_due: grand,
    base_total_due: grand,
    total_qty_ordered: totalQty,
    total_item_count: items.length,
    weight: round4(items.reduce((s, i) => s + i.row_weight, 0)),
    shipping_description: input.shippingDescription ?? 'Flat Rate - Fixed',
    is_virtual: 0,
    email_sent: 1,
    items,
    billing_address: billing,
    payment: {
      entity_id: state.nextId('payment'),
      parent_id: entityId,
      method: input.paymentMethod ?? 'checkmo',
      amount_ordered: grand,
      base_amount_ordered: grand,
      shipping_amount: shipping,
      base_shipping_amount: shipping,
      amount_paid: null,
      base_amount_paid: null,
      shipping_captured: null,
      base_shipping_captured: null,
      additional_information: input.paymentInfo ?? [],
      account_status: null,
      cc_last4: null,
    },
    status_histories: [],
    extension_attributes: {
      shipping_assignments: [
        {
          shipping: {
            address: shippingAddress,
            method,
            total: { shipping_amount: shipping, base_shipping_amount: shipping, shipping_tax_amount: 0 },
          },
          items,
        },
      ],
      payment_additional_info: [{ key: 'method_title', value: paymentTitle(input.paymentMethod ?? 'checkmo') }],
      applied_taxes: [],
      item_applied_taxes: [],
    },
  };
  state.orders.set(entityId, order);
  reserveForOrder(ctx, order);
  ctx.events.emit('sales_order_place_after', 'order', entityId, order, ctx.now());
  ctx.events.emit('sales_order_save_after', 'order', entityId, order, ctx.now());
  return order;
}

export interface CommentInput {
  comment?: string;
  is_customer_notified?: number | boolean | null;
  is_visible_on_front?: number | boolean;
  status?: string | null;
}

/** `POST /V1/orders/{id}/comments`: appends a status history entry; a given status becomes the order status. */
export function addComment(ctx: DomainContext, order: Order, input: CommentInput): void {
  const entry: StatusHistory = {
    entity_id: ctx.state.nextId('history'),
    parent_id: order.entity_id,
    comment: input.comment ?? '',
    created_at: magentoDate(ctx.now()),
    entity_name: 'order',
    is_customer_notified:
      input.is_customer_notified === undefined || input.is_customer_notified === null
        ? null
        : Number(input.is_customer_notified),
    is_visible_on_front: Number(input.is_visible_on_front ?? 0),
    status: input.status ?? order.status,
  };
  order.status_histories.unshift(entry);
  if (input.status) order.status = input.status;
  touch(ctx, order);
}

/** Marks the order changed and fires `sales_order_save_after`. */
export function touch(ctx: DomainContext, order: Order): void {
  order.updated_at = magentoDate(ctx.now());
  for (const item of order.items) item.updated_at = order.updated_at;
  ctx.events.emit('sales_order_save_after', 'order', order.entity_id, order, ctx.now());
}

function customerContact(state: MagentoState, c: PlaceOrderInput['customer']) {
  if ('customerId' in c) {
    const customer = state.customers.get(c.customerId);
    if (!customer) throw errors.noSuchEntity('customerId', c.customerId);
    return {
      customer_id: customer.id,
      customer_is_guest: 0,
      customer_email: customer.email,
      customer_firstname: customer.firstname,
      customer_lastname: customer.lastname,
      customer_group_id: customer.group_id,
    };
  }
  return {
    customer_id: null,
    customer_is_guest: 1,
    customer_email: c.guest.email,
    customer_firstname: c.guest.firstname,
    customer_lastname: c.guest.lastname,
    customer_group_id: 0,
  };
}

function orderItem(ctx: DomainContext, orderId: number, line: { sku: string; qty: number }, now: string): OrderItem {
  const product = ctx.state.products.get(line.sku);
  if (!product) throw errors.productNotFound();
  const price = product.price;
  const rowTotal = money(price * line.qty);
  return {
    item_id: ctx.state.nextId('orderItem'),
    order_id: orderId,
    quote_item_id: ctx.state.nextId('quote'),
    product_id: product.id,
    sku: product.sku,
    // The order item keeps the name the order's store view shows.
    name: productView(ctx.state, product, DEFAULT_STORE_ID).name,
    product_type: product.type_id,
    store_id: 1,
    is_virtual: 0,
    is_qty_decimal: 0,
    no_discount: 0,
    free_shipping: 0,
    qty_ordered: line.qty,
    qty_invoiced: 0,
    qty_shipped: 0,
    qty_canceled: 0,
    qty_refunded: 0,
    price,
    base_price: price,
    original_price: price,
    base_original_price: price,
    price_incl_tax: price,
    base_price_incl_tax: price,
    row_total: rowTotal,
    base_row_total: rowTotal,
    row_total_incl_tax: rowTotal,
    base_row_total_incl_tax: rowTotal,
    row_invoiced: 0,
    base_row_invoiced: 0,
    tax_amount: 0,
    base_tax_amount: 0,
    tax_invoiced: 0,
    base_tax_invoiced: 0,
    tax_percent: 0,
    discount_amount: 0,
    base_discount_amount: 0,
    discount_percent: 0,
    discount_invoiced: 0,
    base_discount_invoiced: 0,
    discount_tax_compensation_amount: 0,
    base_discount_tax_compensation_amount: 0,
    amount_refunded: 0,
    base_amount_refunded: 0,
    weight: product.weight,
    row_weight: round4(product.weight * line.qty),
    created_at: now,
    updated_at: now,
  };
}

function orderAddress(
  state: MagentoState,
  type: 'billing' | 'shipping',
  parentId: number,
  a: AddressInput,
  email: string,
): OrderAddress {
  const address: OrderAddress = {
    address_type: type,
    entity_id: state.nextId('orderAddress'),
    parent_id: parentId,
    firstname: a.firstname,
    lastname: a.lastname,
    street: [...a.street],
    city: a.city,
    region: a.region ?? null,
    region_code: a.region_code ?? null,
    region_id: a.region_id ?? 0,
    postcode: a.postcode,
    country_id: a.country_id,
    telephone: a.telephone,
    email,
  };
  if (a.company !== undefined) address.company = a.company;
  if (a.customer_address_id !== undefined) address.customer_address_id = a.customer_address_id;
  return address;
}

const PAYMENT_TITLES: Record<string, string> = {
  checkmo: 'Check / Money order',
  banktransfer: 'Bank Transfer Payment',
  cashondelivery: 'Cash On Delivery',
  braintree: 'Credit Card (Braintree)',
  purchaseorder: 'Purchase Order',
};
const paymentTitle = (m: string): string => PAYMENT_TITLES[m] ?? m;
