import { magentoDate } from '../http/dates';
import { errors } from '../http/errors';
import type { Product, ProductStoreValues, StockItem } from '../state/types';
import { resolveCategoryLinks, sentCategoryIds, setCategoryLinks } from './category-links';
import type { DomainContext } from './context';
import { syncDefaultSourceFromStockItem } from './inventory';
import { copyStoreValues, productView } from './product-scope';
import { checkedWebsiteIds, unableToSave, websitesForNew } from './product-websites';
import { applyWrites, attributeWritesOf } from './product-writes';
import type { StoreScope } from './stores';
import { assertUrlKeysFree, formatUrlKey, urlKeysOf } from './url-keys';

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

/** The product as a store view sees it (`GET /rest/{store}/V1/products/{sku}`; `all` → global values). */
export function getProductAt(ctx: DomainContext, sku: string, scope: StoreScope): Product {
  return productView(ctx.state, getProduct(ctx, sku), scope.storeId);
}

/** Attribute sets of the product entity type (4 = "Default"). */
const ATTRIBUTE_SETS = new Set([4]);

export interface SaveProductOptions {
  /** The `{sku}` of `PUT /V1/products/{sku}`. */
  pathSku?: string;
  /** The store the request runs in (default: no store code = the default store view). */
  scope?: StoreScope;
}

/**
 * `POST /V1/products` and `PUT /V1/products/{sku}` (ProductRepository::save): creates or updates. Updates merge:
 * attributes not sent (custom attributes and Magento-only data included) are kept, custom attributes merge by
 * code. Where each value lands (global or store view) is decided by the request's store (product-writes.ts);
 * category links follow Category\Link\SaveHandler, website ids ProductRepository::assignProductToWebsites.
 * Answers the product as the request's store sees it.
 */
export function saveProduct(ctx: DomainContext, input: ProductInput, opts: SaveProductOptions = {}): Product {
  const scope = opts.scope ?? ctx.stores.resolve(undefined);
  const sku = opts.pathSku ?? input.sku;
  if (typeof sku !== 'string' || sku.trim() === '') throw errors.required('sku');
  if (sku.length > 64) throw errors.badRequest('SKU length should be 64 characters maximum.');
  const existing = ctx.state.products.get(sku);
  if (!existing) {
    if (typeof input.name !== 'string' || input.name === '')
      throw errors.badRequest('The "%1" attribute value is empty. Set the attribute and try again.', ['name']);
    if (typeof input.price !== 'number')
      throw errors.badRequest('The "%1" attribute value is empty. Set the attribute and try again.', ['price']);
  }
  // catalog_product_entity.attribute_set_id has a foreign key on eav_attribute_set: an unknown set fails the
  // INSERT/UPDATE, which ProductRepository::saveProduct answers with its generic CouldNotSaveException.
  if (input.attribute_set_id !== undefined && !ATTRIBUTE_SETS.has(Number(input.attribute_set_id))) throw unableToSave();
  const now = magentoDate(ctx.now());
  const product: Product = existing ? structuredClone(existing) : newProduct(ctx, sku, String(input.name), now);
  const values = copyStoreValues(ctx.state, product.id);
  const writes = attributeWritesOf(input);
  applyWrites(ctx.stores, product, values, writes, scope, !existing);
  for (const key of STRUCTURE) if (input[key] !== undefined) product[key] = input[key];
  product.updated_at = now;

  const {
    stock_item: stock,
    category_links: links,
    website_ids: websites,
    ...otherExt
  } = input.extension_attributes ?? {};
  Object.assign(product.extension_attributes, otherExt);
  if (!existing) product.extension_attributes.website_ids = websitesForNew(ctx, scope, websites);
  else if (websites !== undefined) product.extension_attributes.website_ids = checkedWebsiteIds(ctx, websites);
  const customIds = sentCategoryIds(input.custom_attributes);
  if (links !== undefined || customIds !== undefined)
    setCategoryLinks(
      product,
      resolveCategoryLinks(ctx.state, product.extension_attributes.category_links, links, customIds),
    );
  product.extension_attributes.stock_item = {
    ...product.extension_attributes.stock_item,
    ...stock,
    product_id: product.id,
  };

  assertUrlKeysFree(ctx.state, ctx.stores, product, values);
  commitProduct(ctx, product, values);
  if (stock) syncDefaultSourceFromStockItem(ctx, product);
  return emitSaved(ctx, product, scope);
}

/** Stores a product and its store-view values. */
export function commitProduct(ctx: DomainContext, product: Product, values: ProductStoreValues): void {
  ctx.state.products.set(product.sku, product);
  if (values.size > 0) ctx.state.productStoreValues.set(product.id, values);
  else ctx.state.productStoreValues.delete(product.id);
  ctx.state.indexUrlKeys(product.sku, urlKeysOf(product, values));
  ctx.state.skuByLowerCase.set(product.sku.toLowerCase(), product.sku);
}

/** Fires `catalog_product_save_after` with the product as the saving store sees it, and returns that view. */
export function emitSaved(ctx: DomainContext, product: Product, scope: StoreScope): Product {
  const view = productView(ctx.state, product, scope.storeId);
  ctx.events.emit('catalog_product_save_after', 'product', product.id, view, ctx.now());
  return view;
}

/** Top-level parts of the REST product that are not attributes; a sent one replaces the stored one. */
const STRUCTURE = ['product_links', 'options', 'media_gallery_entries', 'tier_prices'] as const;

function newProduct(ctx: DomainContext, sku: string, name: string, now: string): Product {
  const id = ctx.state.nextId('product');
  return {
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
      website_ids: [],
      category_links: [],
      stock_item: newStockItem(ctx, id),
    },
    product_links: [],
    options: [],
    media_gallery_entries: [],
    tier_prices: [],
    custom_attributes: defaultCustomAttributes(formatUrlKey(`${name}-${sku}`)),
  };
}

/** `PUT /V1/products/{sku}/stockItems/{itemId}` (legacy single-source stock) → the item id. */
export function updateStockItem(ctx: DomainContext, sku: string, itemId: number, input: Partial<StockItem>): number {
  const product = getProduct(ctx, sku);
  const current = product.extension_attributes.stock_item;
  if (itemId !== current.item_id) throw errors.noSuchEntity('itemId', itemId);
  product.extension_attributes.stock_item = { ...current, ...input, item_id: current.item_id, product_id: product.id };
  product.updated_at = magentoDate(ctx.now());
  syncDefaultSourceFromStockItem(ctx, product);
  emitSaved(ctx, product, ctx.stores.resolve(undefined));
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

/**
 * What Magento fills in for a new simple product (FORMAT-NOTES 36, 49): values are strings, `category_ids`
 * an array of strings (kept in step with the category links); `tax_class_id` 2 = "Taxable Goods". The
 * generated url key (name and sku) is replaced by a sent `url_key`.
 */
function defaultCustomAttributes(urlKey: string): Product['custom_attributes'] {
  return [
    { attribute_code: 'url_key', value: urlKey },
    { attribute_code: 'tax_class_id', value: '2' },
    { attribute_code: 'category_ids', value: [] },
    { attribute_code: 'options_container', value: 'container2' },
    { attribute_code: 'msrp_display_actual_price_type', value: '0' },
    { attribute_code: 'required_options', value: '0' },
    { attribute_code: 'has_options', value: '0' },
  ];
}

/**
 * Website link changes go through ProductRepository::save of the loaded product (ProductWebsiteLinkRepository):
 * the product is saved (and `catalog_product_save_after` fires) in the request's store; a URL key clash in the
 * new website's store views surfaces as the repository's 'Could not assign product "%1" to websites "%2"'.
 */
export function changeWebsites(
  ctx: DomainContext,
  sku: string,
  scope: StoreScope,
  change: (product: Product) => void,
  onClash: (product: Product) => Error,
): true {
  const product = structuredClone(getProduct(ctx, sku));
  change(product);
  const values = copyStoreValues(ctx.state, product.id);
  try {
    assertUrlKeysFree(ctx.state, ctx.stores, product, values);
  } catch {
    throw onClash(product);
  }
  product.updated_at = magentoDate(ctx.now());
  commitProduct(ctx, product, values);
  emitSaved(ctx, product, scope);
  return true;
}
