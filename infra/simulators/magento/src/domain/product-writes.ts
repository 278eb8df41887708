import type { Product, ProductStoreValues } from '../state/types';
import { TOP_LEVEL_ATTRIBUTES, scopeOf } from './attribute-scopes';
import { isOverridden, removeStoreValue, setGlobalValue, setStoreValue, valueAt } from './product-scope';
import { ADMIN_STORE_ID, DEFAULT_STORE_ID, type StoreScope, type StoreTopology } from './stores';
import { formatUrlKey } from './url-keys';

/** Attribute values a REST product body sends, by attribute code (`category_ids` is handled by the links). */
export function attributeWritesOf(input: {
  custom_attributes?: unknown;
  [key: string]: unknown;
}): Map<string, unknown> {
  const writes = new Map<string, unknown>();
  for (const code of TOP_LEVEL_ATTRIBUTES) if (input[code] !== undefined) writes.set(code, input[code]);
  const custom = Array.isArray(input.custom_attributes) ? (input.custom_attributes as unknown[]) : [];
  for (const a of custom) {
    if (!a || typeof a !== 'object') continue;
    const { attribute_code: code, value } = a as { attribute_code?: unknown; value?: unknown };
    if (typeof code === 'string' && code !== 'category_ids') writes.set(code, value);
  }
  const urlKey = writes.get('url_key');
  // ProductUrlKeyAutogeneratorObserver: a given url_key is formatted (ProductUrlPathGenerator::getUrlKey).
  if (typeof urlKey === 'string') writes.set('url_key', formatUrlKey(urlKey));
  return writes;
}

/**
 * Where each written value lands (Catalog\Model\ResourceModel\AbstractResource::_saveAttributeValue):
 * global attributes at store 0; store-view attributes at the current store; website attributes at every
 * store view of the current store's website; everything at store 0 in the admin store (`all`) and, when
 * Magento has a single store view, everywhere (store-view values of the written attributes are deleted).
 * On create without a store code (or `default`) every value is global, as Adobe's REST guide states; a create
 * in another store view also writes its store-view attributes there.
 */
export function applyWrites(
  stores: StoreTopology,
  product: Product,
  values: ProductStoreValues,
  writes: Map<string, unknown>,
  scope: StoreScope,
  isNew: boolean,
): void {
  for (const [code, value] of writes) {
    const scoped = scopeOf(code);
    if (isNew || scope.admin || scoped === 'global' || stores.hasSingleStore()) {
      setGlobalValue(product, code, value);
      if (stores.hasSingleStore()) for (const s of stores.stores) removeStoreValue(values, s.id, code);
      if (!isNew || scope.admin || scope.storeId === DEFAULT_STORE_ID || scoped === 'global') continue;
    } else if (
      !isOverridden(values, scope.storeId, code) &&
      unchanged(valueAt(product, values, scope.storeId, code), value)
    ) {
      // ProductRepository::save (2.4): a value identical (===) to the loaded one, not yet overridden in this
      // store, is set to null before saving so it does not become a store-view value. REST sends numbers where
      // the loaded product holds DB strings, so only identical strings are left out.
      continue;
    }
    const targets = scoped === 'website' ? stores.storeIdsOf(stores.websiteIdOf(scope.storeId)) : [scope.storeId];
    for (const storeId of targets) if (storeId !== ADMIN_STORE_ID) setStoreValue(values, storeId, code, value);
  }
}

const unchanged = (current: unknown, sent: unknown): boolean =>
  typeof current === 'string' && typeof sent === 'string' && current === sent;
