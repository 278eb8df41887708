/** Magento REST data shapes (FORMAT-NOTES 32–37). Money and quantities are JSON numbers here. */

export interface Region {
  region_code: string | null;
  region: string | null;
  region_id: number;
}

export interface OrderAddress {
  address_type: 'billing' | 'shipping';
  entity_id: number;
  parent_id: number;
  customer_address_id?: number;
  firstname: string;
  lastname: string;
  company?: string;
  street: string[];
  city: string;
  region: string | null;
  region_code: string | null;
  region_id: number;
  postcode: string;
  country_id: string;
  telephone: string;
  email: string;
}

export interface OrderItem {
  item_id: number;
  order_id: number;
  quote_item_id: number;
  product_id: number;
  sku: string;
  name: string;
  product_type: string;
  store_id: number;
  is_virtual: number;
  qty_ordered: number;
  qty_invoiced: number;
  qty_shipped: number;
  qty_canceled: number;
  qty_refunded: number;
  is_qty_decimal: number;
  no_discount: number;
  free_shipping: number;
  price: number;
  base_price: number;
  original_price: number;
  base_original_price: number;
  price_incl_tax: number;
  base_price_incl_tax: number;
  row_total: number;
  base_row_total: number;
  row_total_incl_tax: number;
  base_row_total_incl_tax: number;
  row_invoiced: number;
  base_row_invoiced: number;
  tax_amount: number;
  base_tax_amount: number;
  tax_invoiced: number;
  base_tax_invoiced: number;
  tax_percent: number;
  discount_amount: number;
  base_discount_amount: number;
  discount_percent: number;
  discount_invoiced: number;
  base_discount_invoiced: number;
  discount_tax_compensation_amount: number;
  base_discount_tax_compensation_amount: number;
  amount_refunded: number;
  base_amount_refunded: number;
  weight: number;
  row_weight: number;
  created_at: string;
  updated_at: string;
}

export interface StatusHistory {
  entity_id: number;
  parent_id: number;
  comment: string;
  created_at: string;
  entity_name: string;
  is_customer_notified: number | null;
  is_visible_on_front: number;
  status: string | null;
}

export interface Order {
  entity_id: number;
  increment_id: string;
  quote_id: number;
  store_id: number;
  store_name: string;
  state: string;
  status: string;
  protect_code: string;
  created_at: string;
  updated_at: string;
  customer_id: number | null;
  customer_is_guest: number;
  customer_email: string;
  customer_firstname: string;
  customer_lastname: string;
  customer_group_id: number;
  customer_note_notify: number;
  /** Ids of the cart price rules applied (comma-separated); absent when none applied. */
  applied_rule_ids?: string;
  billing_address_id: number;
  base_currency_code: string;
  order_currency_code: string;
  global_currency_code: string;
  store_currency_code: string;
  base_to_global_rate: number;
  base_to_order_rate: number;
  store_to_base_rate: number;
  store_to_order_rate: number;
  subtotal: number;
  base_subtotal: number;
  subtotal_incl_tax: number;
  base_subtotal_incl_tax: number;
  shipping_amount: number;
  base_shipping_amount: number;
  shipping_incl_tax: number;
  base_shipping_incl_tax: number;
  shipping_tax_amount: number;
  base_shipping_tax_amount: number;
  shipping_discount_amount: number;
  base_shipping_discount_amount: number;
  shipping_discount_tax_compensation_amount: number;
  base_shipping_discount_tax_compensation_amnt: number;
  tax_amount: number;
  base_tax_amount: number;
  discount_amount: number;
  base_discount_amount: number;
  discount_tax_compensation_amount: number;
  base_discount_tax_compensation_amount: number;
  grand_total: number;
  base_grand_total: number;
  /** Invoiced and paid totals: null (absent from REST) until the first invoice. */
  total_paid: number | null;
  base_total_paid: number | null;
  total_invoiced: number | null;
  base_total_invoiced: number | null;
  subtotal_invoiced: number | null;
  base_subtotal_invoiced: number | null;
  shipping_invoiced: number | null;
  base_shipping_invoiced: number | null;
  tax_invoiced: number | null;
  base_tax_invoiced: number | null;
  discount_invoiced: number | null;
  base_discount_invoiced: number | null;
  total_due: number;
  base_total_due: number;
  total_qty_ordered: number;
  total_item_count: number;
  weight: number;
  shipping_description: string;
  is_virtual: number;
  email_sent: number;
  items: OrderItem[];
  billing_address: OrderAddress;
  payment: {
    entity_id: number;
    parent_id: number;
    method: string;
    amount_ordered: number;
    base_amount_ordered: number;
    shipping_amount: number;
    base_shipping_amount: number;
    amount_paid: number | null;
    base_amount_paid: number | null;
    shipping_captured: number | null;
    base_shipping_captured: number | null;
    additional_information: string[];
    account_status: null;
    cc_last4: null;
  };
  status_histories: StatusHistory[];
  extension_attributes: {
    shipping_assignments: Array<{
      shipping: {
        address: OrderAddress;
        method: string;
        total: { shipping_amount: number; base_shipping_amount: number; shipping_tax_amount: number };
      };
      items: OrderItem[];
    }>;
    payment_additional_info: Array<{ key: string; value: string }>;
    applied_taxes: unknown[];
    item_applied_taxes: unknown[];
  };
}

export interface DocumentItem {
  entity_id: number;
  parent_id: number;
  order_item_id: number;
  product_id: number;
  sku: string;
  name: string;
  qty: number;
  price: number;
  weight?: number;
  row_total?: number;
  /** Invoice items carry the base_* and tax amounts of their line. */
  base_price?: number;
  price_incl_tax?: number;
  base_price_incl_tax?: number;
  base_row_total?: number;
  row_total_incl_tax?: number;
  base_row_total_incl_tax?: number;
  tax_amount?: number;
  base_tax_amount?: number;
  discount_amount?: number;
  base_discount_amount?: number;
  discount_tax_compensation_amount?: number;
  base_discount_tax_compensation_amount?: number;
}

export interface ShipmentTrack {
  entity_id: number;
  parent_id: number;
  order_id: number;
  track_number: string;
  title: string;
  carrier_code: string;
  created_at: string;
  updated_at: string;
}

export interface DocumentComment {
  entity_id: number;
  parent_id: number;
  comment: string;
  is_customer_notified: number;
  is_visible_on_front: number;
  created_at: string;
}

export interface Shipment {
  entity_id: number;
  increment_id: string;
  order_id: number;
  store_id: number;
  customer_id: number | null;
  billing_address_id: number;
  shipping_address_id: number;
  total_qty: number;
  total_weight: number;
  email_sent: number | null;
  created_at: string;
  updated_at: string;
  items: DocumentItem[];
  tracks: ShipmentTrack[];
  comments: DocumentComment[];
  packages: unknown[];
}

export interface Invoice {
  entity_id: number;
  increment_id: string;
  order_id: number;
  store_id: number;
  state: number;
  billing_address_id: number;
  shipping_address_id: number;
  base_currency_code: string;
  order_currency_code: string;
  global_currency_code: string;
  store_currency_code: string;
  base_to_global_rate: number;
  base_to_order_rate: number;
  store_to_base_rate: number;
  store_to_order_rate: number;
  subtotal: number;
  base_subtotal: number;
  subtotal_incl_tax: number;
  base_subtotal_incl_tax: number;
  shipping_amount: number;
  base_shipping_amount: number;
  shipping_incl_tax: number;
  base_shipping_incl_tax: number;
  shipping_tax_amount: number;
  base_shipping_tax_amount: number;
  tax_amount: number;
  base_tax_amount: number;
  discount_amount: number;
  base_discount_amount: number;
  discount_tax_compensation_amount: number;
  base_discount_tax_compensation_amount: number;
  grand_total: number;
  base_grand_total: number;
  total_qty: number;
  can_void_flag: number;
  email_sent: number | null;
  created_at: string;
  updated_at: string;
  items: DocumentItem[];
  comments: DocumentComment[];
}

export interface CustomerAddress {
  id: number;
  customer_id: number;
  region: Region;
  region_id: number;
  country_id: string;
  street: string[];
  company?: string;
  telephone: string;
  postcode: string;
  city: string;
  firstname: string;
  lastname: string;
  default_shipping?: boolean;
  default_billing?: boolean;
}

export interface Customer {
  id: number;
  group_id: number;
  default_billing?: string;
  default_shipping?: string;
  created_at: string;
  updated_at: string;
  created_in: string;
  email: string;
  firstname: string;
  lastname: string;
  store_id: number;
  website_id: number;
  addresses: CustomerAddress[];
  disable_auto_group_change: number;
  extension_attributes?: Record<string, unknown>;
  custom_attributes?: Array<{ attribute_code: string; value: unknown }>;
}

export interface StockItem {
  item_id: number;
  product_id: number;
  stock_id: number;
  qty: number;
  is_in_stock: boolean;
  is_qty_decimal: boolean;
  show_default_notification_message: boolean;
  use_config_min_qty: boolean;
  min_qty: number;
  /** An int in Magento's answers (1), unlike the other use_config_* flags. */
  use_config_min_sale_qty: number;
  min_sale_qty: number;
  use_config_max_sale_qty: boolean;
  max_sale_qty: number;
  use_config_backorders: boolean;
  backorders: number;
  use_config_notify_stock_qty: boolean;
  notify_stock_qty: number;
  use_config_qty_increments: boolean;
  qty_increments: number;
  use_config_enable_qty_inc: boolean;
  enable_qty_increments: boolean;
  use_config_manage_stock: boolean;
  manage_stock: boolean;
  low_stock_date: string | null;
  is_decimal_divided: boolean;
  stock_status_changed_auto: number;
}

export interface Product {
  id: number;
  sku: string;
  name: string;
  attribute_set_id: number;
  price: number;
  status: number;
  visibility: number;
  type_id: string;
  created_at: string;
  updated_at: string;
  weight: number;
  extension_attributes: {
    website_ids: number[];
    category_links: Array<{ position: number; category_id: string }>;
    stock_item: StockItem;
    [key: string]: unknown;
  };
  product_links: unknown[];
  options: unknown[];
  media_gallery_entries: unknown[];
  tier_prices: unknown[];
  custom_attributes: Array<{ attribute_code: string; value: unknown }>;
}

export interface Source {
  source_code: string;
  name: string;
  enabled: boolean;
  description?: string;
  latitude?: number;
  longitude?: number;
  country_id: string;
  postcode: string;
  city?: string;
  street?: string;
  region_id?: number;
  contact_name?: string;
  email?: string;
  phone?: string;
  use_default_carrier_config: boolean;
  carrier_links: unknown[];
}

export interface SourceItem {
  sku: string;
  source_code: string;
  quantity: number;
  status: number;
}

/** A catalog category (stored form; the REST shape is built by domain/categories.ts). */
export interface Category {
  id: number;
  parent_id: number;
  name: string;
  is_active: boolean | null;
  position: number;
  level: number;
  path: string;
  include_in_menu: boolean;
  created_at: string;
  updated_at: string;
  /** Absent for the root and the store root categories. */
  url_key?: string;
  display_mode: string;
  is_anchor: string;
}

/** MSI stock (`inventory_stock`) with its sales channels (websites). */
export interface Stock {
  stock_id: number;
  name: string;
  extension_attributes: { sales_channels: Array<{ type: string; code: string }> };
}

export interface StockSourceLink {
  stock_id: number;
  source_code: string;
  priority: number;
}

/** MSI reservation (`inventory_reservation`): a signed quantity with metadata of the sales event. */
export interface Reservation {
  reservation_id: number;
  stock_id: number;
  sku: string;
  quantity: number;
  metadata: string;
}

/** Store-view values of one product: store id → attribute code → value ("Use Default Value" unchecked). */
export type ProductStoreValues = Map<number, Map<string, unknown>>;
