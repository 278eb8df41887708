// Magento REST order (REST JSON or DB-style strings) → m3mage.magento.Order. One line per target field;
// the shipping address exists only in extension_attributes.shipping_assignments (FORMAT-NOTES 32). Free text
// (names, company, address lines, city, region, postcode, telephone, item names) goes through `freeText`, which
// masks card numbers (ADR 0009); identifiers and codes (ids, sku, e-mail, status, methods) are copied as they are.
import type { Address, Order as MagentoOrder, OrderItem, Payment } from '@m3mage/schemas/types';
import {
  at,
  decimal,
  freeText,
  integer,
  list,
  MappingError,
  newReport,
  nullable,
  object,
  requiredDecimal,
  requiredInteger,
  requiredText,
  run,
  streetLines,
  text,
  timestamp,
  type MapReport,
  type Source,
  type Table,
} from './values';

const SHIPPING = 'extension_attributes.shipping_assignments[0].shipping';

export const addressTable = (path: string): Table<Address> => ({
  firstname: (a, r) => nullable(freeText(a.firstname, `${path}.firstname`, r)),
  lastname: (a, r) => nullable(freeText(a.lastname, `${path}.lastname`, r)),
  company: (a, r) => nullable(freeText(a.company, `${path}.company`, r)),
  street: (a, r) => streetLines(a.street, `${path}.street`, r),
  city: (a, r) => nullable(freeText(a.city, `${path}.city`, r)),
  region: (a, r) => nullable(freeText(a.region, `${path}.region`, r)),
  postcode: (a, r) => nullable(freeText(a.postcode, `${path}.postcode`, r)),
  countryId: (a) => nullable(text(a.country_id, `${path}.country_id`)),
  telephone: (a, r) => nullable(freeText(a.telephone, `${path}.telephone`, r)),
  email: (a) => nullable(text(a.email, `${path}.email`)),
});

export const itemTable = (path: string, order: Source): Table<OrderItem> => ({
  itemId: (i) => requiredInteger(i.item_id, `${path}.item_id`),
  sku: (i) => requiredText(i.sku, `${path}.sku`),
  name: (i, r) => nullable(freeText(i.name, `${path}.name`, r)),
  productType: (i) => nullable(text(i.product_type, `${path}.product_type`)),
  qtyOrdered: (i) => requiredDecimal(i.qty_ordered, `${path}.qty_ordered`),
  qtyShipped: (i) => decimal(i.qty_shipped, `${path}.qty_shipped`) ?? '0',
  qtyInvoiced: (i) => decimal(i.qty_invoiced, `${path}.qty_invoiced`) ?? '0',
  price: (i) => requiredDecimal(i.price, `${path}.price`),
  rowTotal: (i) => requiredDecimal(i.row_total, `${path}.row_total`),
  sourceCode: (i) =>
    nullable(
      text(
        at(i, 'extension_attributes.source_code') ?? at(order, 'extension_attributes.source_code'),
        `${path}.source_code`,
      ),
    ),
});

export const paymentTable: Table<Payment> = {
  method: (p) => requiredText(p.method, 'payment.method'),
  amountPaid: (p) => nullable(decimal(p.amount_paid, 'payment.amount_paid')),
  amountOrdered: (p) => requiredDecimal(p.amount_ordered, 'payment.amount_ordered'),
  // Provider reference only: card data (cc_*) and additional_information never leave Magento.
  providerReference: (p) => nullable(text(p.last_trans_id, 'payment.last_trans_id')),
};

const address = (value: unknown, path: string, report: MapReport): Address | null => {
  const a = object(value, path);
  return a ? run(addressTable(path), a, report) : null;
};

/** Configurable/bundle children carry parent_item_id; the parent line is the order line. */
const orderLines = (o: Source, report: MapReport): OrderItem[] =>
  list(o.items, 'items')
    .filter((i) => i.parent_item_id === undefined || i.parent_item_id === null || i.parent_item_id === '')
    .map((i, n) => run(itemTable(`items[${n}]`, o), i, report));

export const orderTable: Table<MagentoOrder> = {
  entityId: (o) => requiredInteger(o.entity_id, 'entity_id'),
  incrementId: (o) => requiredText(o.increment_id, 'increment_id'),
  storeId: (o) => integer(o.store_id, 'store_id') ?? 1,
  state: (o) => requiredText(o.state, 'state'),
  status: (o) => requiredText(o.status, 'status'),
  createdAt: (o) => timestamp(o.created_at, 'created_at'),
  updatedAt: (o) => timestamp(o.updated_at, 'updated_at'),
  customerId: (o) => (isGuest(o) ? null : nullable(integer(o.customer_id, 'customer_id'))),
  customerEmail: (o) => nullable(text(o.customer_email, 'customer_email')),
  customerFirstname: (o, r) => nullable(freeText(o.customer_firstname, 'customer_firstname', r)),
  customerLastname: (o, r) => nullable(freeText(o.customer_lastname, 'customer_lastname', r)),
  currency: (o) => requiredText(o.order_currency_code ?? o.base_currency_code, 'order_currency_code'),
  grandTotal: (o) => requiredDecimal(o.grand_total, 'grand_total'),
  shippingAmount: (o) => decimal(o.shipping_amount, 'shipping_amount') ?? '0',
  shippingMethod: (o) => nullable(text(at(o, `${SHIPPING}.method`) ?? o.shipping_method, 'shipping.method')),
  items: orderLines,
  billingAddress: (o, r) => address(o.billing_address, 'billing_address', r),
  shippingAddress: (o, r) => address(at(o, `${SHIPPING}.address`), 'shipping.address', r),
  payment: (o, r) => {
    const p = object(o.payment, 'payment');
    return p ? run(paymentTable, p, r) : null;
  },
};

function isGuest(o: Source): boolean {
  const g = o.customer_is_guest;
  return g === true || g === 1 || g === '1';
}

/**
 * Maps a full REST order; throws MappingError (MAPPING_UNMAPPABLE) naming the field that cannot be mapped.
 * Card numbers in free text are masked; `report.masked` gets one field name per card number.
 */
export function mapOrder(src: unknown, report: MapReport = newReport()): MagentoOrder {
  const o = object(src, 'order');
  if (!o) throw new MappingError('order', 'is missing');
  return run(orderTable, o, report);
}

/**
 * Whether a payload carries the whole order (lines, billing address and, for physical orders, the shipping
 * assignment), so it can be mapped without reading it from REST. Thin payloads (I/O Events) never do.
 */
export function isCompleteOrder(src: unknown): boolean {
  if (src === null || typeof src !== 'object' || Array.isArray(src)) return false;
  const o = src as Source;
  const virtual = o.is_virtual === 1 || o.is_virtual === '1' || o.is_virtual === true;
  return (
    o.increment_id !== undefined &&
    o.items !== undefined &&
    typeof o.billing_address === 'object' &&
    o.payment !== undefined &&
    (virtual || at(o, `${SHIPPING}.address`) !== undefined)
  );
}
