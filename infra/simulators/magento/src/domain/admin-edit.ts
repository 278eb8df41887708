import { errors } from '../http/errors';
import type { Product } from '../state/types';
import { scopeOf } from './attribute-scopes';
import { commitProduct, emitSaved, getProduct } from './catalog';
import { resolveCategoryLinks, setCategoryLinks } from './category-links';
import type { DomainContext } from './context';
import { copyStoreValues, removeStoreValue, setGlobalValue, setStoreValue } from './product-scope';
import { checkedWebsiteIds } from './product-websites';
import { ADMIN_STORE_ID } from './stores';
import { assertUrlKeysFree, formatUrlKey } from './url-keys';

/**
 * A Magento admin user saving the product form at a scope (store 0 = "All Store Views", else a store view):
 * each value lands where its attribute's scope puts it — global attributes globally, website attributes in
 * every store view of the website, store-view attributes in that store view. `null` at a store view is "Use
 * Default Value" (the store-view value is removed); `null` at store 0 removes a custom attribute's value.
 * `category_ids` replaces the category links, `website_ids` the websites. Fires `catalog_product_save_after`.
 */
export function adminEditProduct(
  ctx: DomainContext,
  sku: string,
  storeId: number,
  edits: Record<string, unknown>,
): Product {
  const product = structuredClone(getProduct(ctx, sku));
  const scope = storeId === ADMIN_STORE_ID ? ctx.stores.resolve('all') : scopeForStore(ctx, storeId);
  const values = copyStoreValues(ctx.state, product.id);
  for (const [code, raw] of Object.entries(edits)) {
    const value = code === 'url_key' && typeof raw === 'string' ? formatUrlKey(raw) : raw;
    if (code === 'category_ids') {
      setCategoryLinks(
        product,
        resolveCategoryLinks(ctx.state, product.extension_attributes.category_links, undefined, value ?? []),
      );
    } else if (code === 'website_ids') {
      product.extension_attributes.website_ids = checkedWebsiteIds(ctx, value);
    } else if (scope.admin || scopeOf(code) === 'global') {
      setGlobalValue(product, code, value);
    } else {
      const targets = scopeOf(code) === 'website' ? ctx.stores.storeIdsOf(ctx.stores.websiteIdOf(storeId)) : [storeId];
      for (const t of targets)
        if (value === null) removeStoreValue(values, t, code);
        else setStoreValue(values, t, code, value);
    }
  }
  assertUrlKeysFree(ctx.state, ctx.stores, product, values);
  commitProduct(ctx, product, values);
  return emitSaved(ctx, product, scope);
}

function scopeForStore(ctx: DomainContext, storeId: number) {
  const store = ctx.stores.stores.find((s) => s.id === storeId);
  if (!store) throw errors.noSuchEntity('storeId', storeId);
  return ctx.stores.resolve(store.code);
}

/** The raw product: its global values and its store-view values by store id. */
export function rawProduct(ctx: DomainContext, sku: string) {
  const product = getProduct(ctx, sku);
  const storeValues: Record<string, Record<string, unknown>> = {};
  for (const [storeId, store] of ctx.state.productStoreValues.get(product.id) ?? [])
    storeValues[String(storeId)] = Object.fromEntries(store);
  return { product, storeValues };
}
