import { errors } from '../http/errors';
import type { MagentoState } from '../state/store';
import type { Product, ProductStoreValues } from '../state/types';
import { globalValue, valueAt } from './product-scope';
import type { StoreTopology } from './stores';

/** Framework\Filter\TranslitUrl as ProductUrl::formatUrlKey applies it: transliterated, lower case, `-` joins. */
export function formatUrlKey(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Magento's "Not Visible Individually": such a product gets no URL rewrite (ProductUrlRewriteGenerator::generate). */
const NOT_VISIBLE = 1;

/**
 * A product's URL rewrite (`<url_key>.html`) is unique per store view (`url_rewrite` UNIQUE(request_path,
 * store_id)); a clash makes UrlRewrite\Model\Storage\DbStorage::doReplace throw UrlAlreadyExistsException,
 * which ProductRepository::saveProduct passes on as a LocalizedException → 400
 * "URL key for specified store already exists.". Checked in every store view of the product's websites where
 * it is visible, against every other visible product of that website.
 */
export function assertUrlKeysFree(
  state: MagentoState,
  stores: StoreTopology,
  product: Product,
  values: ProductStoreValues,
): void {
  for (const store of stores.stores) {
    const key = urlKeyAt(store.id, store.website_id, product, values);
    if (!key) continue;
    for (const sku of state.skusByUrlKey.get(key) ?? []) {
      const other = state.products.get(sku);
      if (!other || other.id === product.id) continue;
      const otherValues = state.productStoreValues.get(other.id) ?? new Map<number, Map<string, unknown>>();
      if (urlKeyAt(store.id, store.website_id, other, otherValues) === key)
        throw errors.badRequest('URL key for specified store already exists.');
    }
  }
}

/** Every url_key value a product holds, globally and in its store views (the index of skusByUrlKey). */
export function urlKeysOf(product: Product, values: ProductStoreValues): string[] {
  const keys: string[] = [];
  const global = globalValue(product, 'url_key');
  if (typeof global === 'string' && global !== '') keys.push(global);
  for (const store of values.values()) {
    const key = store.get('url_key');
    if (typeof key === 'string' && key !== '') keys.push(key);
  }
  return keys;
}

function urlKeyAt(storeId: number, websiteId: number, p: Product, values: ProductStoreValues): string | undefined {
  if (!p.extension_attributes.website_ids.includes(websiteId)) return undefined;
  if (Number(valueAt(p, values, storeId, 'visibility')) === NOT_VISIBLE) return undefined;
  const key = valueAt(p, values, storeId, 'url_key');
  return typeof key === 'string' && key !== '' ? key : undefined;
}
