import type { MagentoState } from '../state/store';
import type { Product, ProductStoreValues } from '../state/types';
import { isTopLevel } from './attribute-scopes';
import { ADMIN_STORE_ID } from './stores';

/**
 * Global and store-view values of a product. The product record in `state.products` holds the global
 * (store 0) values; `state.productStoreValues` the store-view values, as Magento's EAV tables hold one row per
 * store (`catalog_product_entity_varchar.store_id`). Reading at a store overlays its values on the global ones
 * (Catalog\Model\ResourceModel\AbstractResource::getAttributeRawValue: store value, else default value).
 */

/** The global value of an attribute (a top-level field or a custom attribute). */
export function globalValue(product: Product, code: string): unknown {
  if (isTopLevel(code)) return product[code];
  return product.custom_attributes.find((a) => a.attribute_code === code)?.value;
}

/** Writes a global value; `null` removes a custom attribute's value (Magento deletes the row). */
export function setGlobalValue(product: Product, code: string, value: unknown): void {
  if (isTopLevel(code)) {
    if (value !== null && value !== undefined) (product as unknown as Record<string, unknown>)[code] = value;
    return;
  }
  const i = product.custom_attributes.findIndex((a) => a.attribute_code === code);
  if (value === null || value === undefined) {
    if (i >= 0) product.custom_attributes.splice(i, 1);
  } else if (i >= 0) product.custom_attributes[i] = { attribute_code: code, value };
  else product.custom_attributes.push({ attribute_code: code, value });
}

/** A copy of a product's store-view values (edited during a save, committed when it succeeds). */
export function copyStoreValues(state: MagentoState, productId: number): ProductStoreValues {
  const current = state.productStoreValues.get(productId);
  return new Map([...(current ?? new Map<number, Map<string, unknown>>())].map(([k, v]) => [k, new Map(v)]));
}

export function isOverridden(values: ProductStoreValues, storeId: number, code: string): boolean {
  return values.get(storeId)?.has(code) ?? false;
}

export function setStoreValue(values: ProductStoreValues, storeId: number, code: string, value: unknown): void {
  let store = values.get(storeId);
  if (!store) values.set(storeId, (store = new Map<string, unknown>()));
  store.set(code, value);
}

/** Removes a store-view value ("Use Default Value" checked). */
export function removeStoreValue(values: ProductStoreValues, storeId: number, code: string): void {
  const store = values.get(storeId);
  store?.delete(code);
  if (store?.size === 0) values.delete(storeId);
}

/** The value a store view sees: its own value, else the global one. */
export function valueAt(product: Product, values: ProductStoreValues, storeId: number, code: string): unknown {
  const store = storeId === ADMIN_STORE_ID ? undefined : values.get(storeId);
  return store?.has(code) ? store.get(code) : globalValue(product, code);
}

/** The product as the REST API answers it in a store view (store 0: the global values). */
export function viewAt(product: Product, values: ProductStoreValues | undefined, storeId: number): Product {
  const view: Product = { ...product, custom_attributes: product.custom_attributes.map((a) => ({ ...a })) };
  const store = storeId === ADMIN_STORE_ID ? undefined : values?.get(storeId);
  for (const [code, value] of store ?? []) setGlobalValue(view, code, value);
  return view;
}

export function productView(state: MagentoState, product: Product, storeId: number): Product {
  return viewAt(product, state.productStoreValues.get(product.id), storeId);
}
