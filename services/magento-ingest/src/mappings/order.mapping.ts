// Magento REST order (REST JSON or DB-style strings) → m3mage.magento.Order. The shipping address exists only in
// extension_attributes.shipping_assignments (FORMAT-NOTES 32). Free text has its card numbers masked (ADR 0009);
// identifiers and codes (ids, SKU, e-mail, status, methods) are copied as they are.
import type { Order } from '@m3mage/schemas/types';
import { defineMapping, each, from, getPath, nested, transform, type Problem } from '@m3mage/runtime/mapping';
import { orderAddressMapping } from './order-address.mapping';
import { orderLineMapping } from './order-line.mapping';
import { paymentMapping } from './payment.mapping';
import { checkRecord, listAt, runMapping } from './run';
import { freeText, text } from './transforms/text';
import { decimal, flag, integer, isSet, orElse, timestamp } from './transforms/values';
import { MISSING, newReport, type MapReport, type Source } from './values';

const SHIPPING = 'extension_attributes.shipping_assignments[0].shipping';

const unlessGuest = transform<Source, unknown>(
  'unlessGuest',
  '`customer_id`; none when `customer_is_guest` is set (true, 1, "1")',
  (o) => (flag(o.customer_is_guest) ? null : o.customer_id),
);

export const orderMapping = defineMapping<Source, Order>(
  {
    entityId: from('entity_id').via(integer).required(MISSING),
    incrementId: from('increment_id').via(text).required(MISSING),
    storeId: from('store_id').via(integer).default(1),
    state: from('state').via(text).required(MISSING),
    status: from('status').via(text).required(MISSING),
    createdAt: from('created_at').via(timestamp).required(MISSING),
    updatedAt: from('updated_at').via(timestamp).required(MISSING),
    customerId: from().via(unlessGuest).via(integer).default(null).describe('null for a guest order'),
    customerEmail: from('customer_email').via(text).default(null),
    customerFirstname: from('customer_firstname').via(freeText).default(null),
    customerLastname: from('customer_lastname').via(freeText).default(null),
    currency: from().via(orElse('order_currency_code', 'base_currency_code')).via(text).required(MISSING),
    grandTotal: from('grand_total').via(decimal).required(MISSING),
    shippingAmount: from('shipping_amount').via(decimal).default('0'),
    shippingMethod: from()
      .via(orElse(`${SHIPPING}.method`, 'shipping_method'))
      .via(text)
      .default(null),
    items: each('items', orderLineMapping).default([]).describe('configurable and bundle children are not lines'),
    billingAddress: nested(orderAddressMapping, 'billing_address').default(null),
    shippingAddress: nested(orderAddressMapping, `${SHIPPING}.address`)
      .default(null)
      .describe('the only place REST has it; null for a virtual order'),
    payment: nested(paymentMapping, 'payment').default(null),
  },
  {
    name: 'magento-order',
    title: 'Magento order (REST order → cdc.magento.order.v1)',
    description:
      'A Magento order as REST or a webhook gives it, in REST JSON or DB-style strings (`"58.0400"`, `"33"`, street lines joined by "\\n"): both give the same record. `items` is read as a list (an id-keyed object too, FORMAT-NOTES 40) without the children of configurable and bundle lines (`parent_item_id` set); each line sees its order as `order`. Refused with every field that cannot be mapped; a refusal never quotes free text.',
  },
);

/** The order as its table reads it: `items` the order lines, each with its `order`; nested records checked. */
function readOrder(o: Source, problems: Problem[]): Source {
  const items = listAt(o.items, 'items', problems)
    .filter((item) => !isSet(item.parent_item_id))
    .map((item) => ({ ...item, order: o }));
  checkRecord(o.billing_address, 'billingAddress', problems);
  checkRecord(getPath(o, `${SHIPPING}.address`), 'shippingAddress', problems);
  checkRecord(o.payment, 'payment', problems);
  return { ...o, items };
}

/**
 * Maps a full REST order; throws MappingError (MAPPING_UNMAPPABLE) naming every field that cannot be mapped.
 * Card numbers in free text are masked; `report.masked` gets one field name per card number.
 */
export function mapOrder(src: unknown, report: MapReport = newReport()): Order {
  return runMapping('order', orderMapping, readOrder, src, report);
}

/**
 * Whether a payload carries the whole order (lines, billing address and, for physical orders, the shipping
 * assignment), so it can be mapped without reading it from REST. Thin payloads (I/O Events) never do.
 */
export function isCompleteOrder(src: unknown): boolean {
  if (src === null || typeof src !== 'object' || Array.isArray(src)) return false;
  const o = src as Source;
  return (
    o.increment_id !== undefined &&
    o.items !== undefined &&
    typeof o.billing_address === 'object' &&
    o.payment !== undefined &&
    (flag(o.is_virtual) || getPath(o, `${SHIPPING}.address`) !== undefined)
  );
}
