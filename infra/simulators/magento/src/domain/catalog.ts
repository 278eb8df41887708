import { magentoDate } from '../http/dates';
import { errors } from '../http/errors';
import type { Product, StockItem } from '../state/types';
import type { DomainContext } from './context';
import { syncDefaultSourceFromStockItem } from './inventory';

export type ProductInput = Partial<Omit<Product, 'extension_attributes'>> & {
  extension_attributes?: Partial<Omit<Product['extension_attributes'], 'stock_item'>> & {
    stock_item?: Partial<StockItem>;
  };
};

export function getProduct(ctx: DomainContext, sku: string): Product {
  const p = ctx.state.products.get(sku);
  if (!p) throw errors.productNotFound();
  return p;
}

/**
 * `POST /V1/products` and `PUT /V1/products/{sku}`: creates or updates. Updates merge: attributes not sent
 * (including custom attributes and Magento-only data) are kept.
 */
export function saveProduct(ctx: DomainContext, input: ProductInput, pathSku?: string): Product {
  const sku = pathSku ?? input.sku;
  if (typeof sku !== 'string' || sku.trim() === '') throw errors.required('sku');
  if (sku.length > 64) throw errors.badRequest('SKU length should be 64 characters maximum.');
  const existing = ctx.state.products.get(sku);
  if (!existing) {
    if (typeof input.name !== 'string' || input.name === '')
      throw errors.badRequest('The "%1" attribute value is empty. Set the attribute and try again.', ['name']);
    if (typeof input.price !== 'number')
      throw errors.badRequest('The "%1" attribute value is empty. Set the attribute and try again.', ['price']);
  }
  const now = magentoDate(ctx.now());
  const id = existing?.id ?? ctx.state.nextId('product');
  const base: Product = existing ?? {
    id,
    sku,
    name: '',
    attribute_set_id: 4,
    price: 0,
    status: 1,
    visibility: 4,
    type_id: 'simple',
    created_at: now,
    updated_at: now,
    weight: 0,
    extension_attributes: {
      website_ids: [1],
      category_links: [{ position: 0, category_id: DEFAULT_CATEGORY }],
      stock_item: newStockItem(ctx, id),
    },
    product_links: [],
    options: [],
    media_gallery_entries: [],
    tier_prices: [],
    custom_attributes: defaultCustomAttributes(String(input.name ?? sku), sku),
  };
  const { extension_attributes: ext, custom_attributes: custom, ...scalars } = input;
  const product: Product = {
    ...base,
    ...scalars,
    id,
    sku,
    created_at: base.created_at,
    updated_at: now,
    extension_attributes: {
      ...base.extension_attributes,
      ...ext,
      stock_item: { ...base.extension_attributes.stock_item, ...ext?.stock_item, product_id: id },
    },
    custom_attributes: mergeCustom(base.custom_attributes, custom ?? []),
  };
  ctx.state.products.set(sku, product);
  if (ext?.stock_item) syncDefaultSourceFromStockItem(ctx, product);
  ctx.events.emit('catalog_product_save_after', 'product', id, product, ctx.now());
  return product;
}

/** `PUT /V1/products/{sku}/stockItems/{itemId}` (legacy single-source stock) → the item id. */
export function updateStockItem(ctx: DomainContext, sku: string, itemId: number, input: Partial<StockItem>): number {
  const product = getProduct(ctx, sku);
  const current = product.extension_attributes.stock_item;
  if (itemId !== current.item_id) throw errors.noSuchEntity('itemId', itemId);
  product.extension_attributes.stock_item = { ...current, ...input, item_id: current.item_id, product_id: product.id };
  product.updated_at = magentoDate(ctx.now());
  syncDefaultSourceFromStockItem(ctx, product);
  ctx.events.emit('catalog_product_save_after', 'product', product.id, product, ctx.now());
  return current.item_id;
}

export function newStockItem(ctx: DomainContext, productId: number, qty = 0): StockItem {
  return {
    item_id: ctx.state.nextId('stockItem'),
    product_id: productId,
    stock_id: 1,
    qty,
    is_in_stock: qty > 0,
    is_qty_decimal: false,
    manage_stock: true,
    use_config_manage_stock: true,
    show_default_notification_message: false,
    use_config_min_qty: true,
    min_qty: 0,
    use_config_min_sale_qty: 1,
    min_sale_qty: 1,
    use_config_max_sale_qty: true,
    max_sale_qty: 10000,
    use_config_backorders: true,
    backorders: 0,
    use_config_notify_stock_qty: true,
    notify_stock_qty: 1,
    use_config_qty_increments: true,
    qty_increments: 0,
    use_config_enable_qty_inc: true,
    enable_qty_increments: false,
    low_stock_date: null,
    is_decimal_divided: false,
    stock_status_changed_auto: 0,
  };
}

/** The store's root category ("Default Category"), where new products are linked. */
const DEFAULT_CATEGORY = '2';

/**
 * What Magento fills in for a new simple product (FORMAT-NOTES 36, 49): values are strings, `category_ids`
 * an array of strings; `tax_class_id` 2 = "Taxable Goods".
 */
function defaultCustomAttributes(name: string, sku: string): Product['custom_attributes'] {
  const urlKey = `${name}-${sku}`
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return [
    { attribute_code: 'url_key', value: urlKey },
    { attribute_code: 'tax_class_id', value: '2' },
    { attribute_code: 'category_ids', value: [DEFAULT_CATEGORY] },
    { attribute_code: 'options_container', value: 'container2' },
    { attribute_code: 'msrp_display_actual_price_type', value: '0' },
    { attribute_code: 'required_options', value: '0' },
    { attribute_code: 'has_options', value: '0' },
  ];
}

function mergeCustom(
  base: Product['custom_attributes'],
  update: Product['custom_attributes'],
): Product['custom_attributes'] {
  const byCode = new Map(base.map((a) => [a.attribute_code, a]));
  for (const a of update) byCode.set(a.attribute_code, a);
  return [...byCode.values()];
}
