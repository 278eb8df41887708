import { MagentoError, errors } from '../http/errors';
import type { Product } from '../state/types';
import type { DomainContext } from './context';
import type { StoreScope } from './stores';

/** ProductRepository::saveProduct's answer to a failure that is no LocalizedException (e.g. a foreign key). */
export const unableToSave = () => errors.badRequest('The product was unable to be saved. Please try again.');

/**
 * Websites of a new product (ProductRepository::assignProductToWebsites, magento/magento2
 * app/code/Magento/Catalog/Model/ProductRepository.php): in the admin store (`all`) every website, otherwise
 * the current store's website — also without a store code, where the current store is the default store view.
 * `extension_attributes.website_ids` in the request replaces them (ProductWebsiteLink\SaveHandler).
 */
export function websitesForNew(ctx: DomainContext, scope: StoreScope, sent: unknown): number[] {
  if (sent !== undefined && sent !== null) return checkedWebsiteIds(ctx, sent);
  return scope.admin ? ctx.stores.websiteIds() : [ctx.stores.websiteIdOf(scope.storeId)];
}

/** Sent website ids, each of which must exist (catalog_product_website has a foreign key on website_id). */
export function checkedWebsiteIds(ctx: DomainContext, sent: unknown): number[] {
  if (!Array.isArray(sent)) throw unableToSave();
  const ids = [...new Set(sent.map(Number))];
  if (ids.some((id) => !ctx.stores.websiteIds().includes(id))) throw unableToSave();
  return ids;
}

/**
 * `POST|PUT /V1/products/{sku}/websites {productWebsiteLink:{sku, website_id}}` (ProductWebsiteLinkRepository::save):
 * no website id → 400 "There are not websites for assign to product"; an unknown one → 400
 * 'Could not assign product "%1" to websites "%2"'. Answers `true`.
 */
export function assignWebsite(ctx: DomainContext, product: Product, websiteId: unknown): void {
  if (!websiteId) throw new MagentoError(400, 'There are not websites for assign to product');
  const id = Number(websiteId);
  if (!ctx.stores.websiteIds().includes(id))
    throw new MagentoError(400, 'Could not assign product "%1" to websites "%2"', [product.id, websiteId]);
  const ids = product.extension_attributes.website_ids;
  if (!ids.includes(id)) product.extension_attributes.website_ids = [...ids, id].sort((a, b) => a - b);
}

/** `DELETE /V1/products/{sku}/websites/{websiteId}` (ProductWebsiteLinkRepository::deleteById): `true`. */
export function removeWebsite(product: Product, websiteId: number): void {
  product.extension_attributes.website_ids = product.extension_attributes.website_ids.filter((w) => w !== websiteId);
}
