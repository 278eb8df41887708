// The legacy single-source stock item (CatalogInventory Web API, still in the 2.4.8 schema:
// MASTER-DATA-NOTES §4): `GET /V1/stockItems/{sku}` gives the item id, `PUT /V1/products/{sku}/stockItems/{itemId}`
// saves qty and is_in_stock. For stores without MSI; one call per item (there is no list save).
import type { MagentoTransport } from '@m3mage/connectors/magento';
import { isAppError } from '@m3mage/runtime';

export interface LegacyStockItem {
  item_id: number;
  qty: number;
  is_in_stock: boolean;
}

export interface StockItemsClient {
  /** The product's stock item, or undefined when Magento has no product with this sku. */
  get(sku: string): Promise<LegacyStockItem | undefined>;
  save(sku: string, itemId: number, values: { qty: number; is_in_stock: boolean }): Promise<void>;
}

const GLOBAL = { storeCode: 'all' };

export function createStockItemsClient({ call }: MagentoTransport): StockItemsClient {
  const sku = (s: string) => encodeURIComponent(s);
  return {
    async get(s) {
      try {
        return await call<LegacyStockItem>('stock-items.get', 'GET', `/stockItems/${sku(s)}`, GLOBAL);
      } catch (e) {
        if (isAppError(e) && e.code === 'MAGENTO_NOT_FOUND') return undefined;
        throw e;
      }
    },
    async save(s, itemId, values) {
      await call<unknown>('stock-items.save', 'PUT', `/products/${sku(s)}/stockItems/${itemId}`, {
        ...GLOBAL,
        body: { stockItem: values },
      });
    },
  };
}
