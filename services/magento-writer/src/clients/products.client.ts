// Magento product reads and writes, always at global scope (store code `all`): a write without a store code
// would set store-view values of the default store and override "Use Default Value" there (magento2 #9186,
// MASTER-DATA-NOTES §4), and a read at `all` shows the global values we compare with.
// `PUT /V1/products/{sku}` merges: attributes not in the body are kept; a non-empty `category_links` is
// merged with the current links (Magento's Category\Link\SaveHandler), so sending only the missing ones adds
// them and removes none.
import type { MagentoTransport } from '@m3mage/connectors/magento';
import type { MagentoList } from './types';
import { isAppError } from '@m3mage/runtime';

export interface CategoryLink {
  category_id: string;
  position?: number;
}

export interface CustomAttribute {
  attribute_code: string;
  value: unknown;
}

/** The product fields magento-writer reads (FORMAT-NOTES 36, 49). */
export interface MagentoProduct {
  id: number;
  sku: string;
  name?: string;
  price?: number;
  status?: number;
  visibility?: number;
  weight?: number;
  extension_attributes?: { category_links?: CategoryLink[]; website_ids?: number[] };
  custom_attributes?: CustomAttribute[];
}

/** A product body to save: only the keys to write. */
export type ProductBody = Record<string, unknown> & { sku: string };

export interface ProductsClient {
  /** The product at global scope, or undefined when Magento has none with this sku. */
  get(sku: string): Promise<MagentoProduct | undefined>;
  /**
   * The products of these skus at global scope, in one search (`sku in a,b,c`); a sku Magento has not is
   * absent. Skus holding a comma (the `in` list separator) are read one by one.
   */
  findBySkus(skus: readonly string[]): Promise<MagentoProduct[]>;
  create(product: ProductBody): Promise<MagentoProduct>;
  update(sku: string, product: ProductBody): Promise<MagentoProduct>;
}

const GLOBAL = { storeCode: 'all' };

export function createProductsClient({ call }: MagentoTransport): ProductsClient {
  const path = (sku: string) => `/products/${encodeURIComponent(sku)}`;
  const client: ProductsClient = {
    async get(sku) {
      try {
        return await call<MagentoProduct>('products.get', 'GET', path(sku), GLOBAL);
      } catch (e) {
        if (isAppError(e) && e.code === 'MAGENTO_NOT_FOUND') return undefined;
        throw e;
      }
    },
    async findBySkus(skus) {
      const listed = skus.filter((s) => !s.includes(','));
      const alone = skus.filter((s) => s.includes(','));
      const found: MagentoProduct[] = [];
      if (listed.length > 0) {
        const f = 'searchCriteria[filter_groups][0][filters][0]';
        const list = await call<MagentoList<MagentoProduct>>('products.search', 'GET', '/products', {
          ...GLOBAL,
          query: {
            [`${f}[field]`]: 'sku',
            [`${f}[value]`]: listed.join(','),
            [`${f}[condition_type]`]: 'in',
            'searchCriteria[pageSize]': listed.length,
            'searchCriteria[currentPage]': 1,
          },
        });
        // `in` compares as MySQL does (case-insensitively): keep only the exact skus asked for.
        const wanted = new Set(listed);
        found.push(...list.items.filter((p) => wanted.has(p.sku)));
      }
      for (const sku of alone) {
        const p = await client.get(sku);
        if (p) found.push(p);
      }
      return found;
    },
    create: (product) => call<MagentoProduct>('products.create', 'POST', '/products', { ...GLOBAL, body: { product } }),
    update: (sku, product) =>
      call<MagentoProduct>('products.update', 'PUT', path(sku), { ...GLOBAL, body: { product } }),
  };
  return client;
}
