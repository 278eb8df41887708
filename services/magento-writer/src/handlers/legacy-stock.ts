// Source items for a single-source store (MAGENTO_INVENTORY_MODE=single-source, no MSI modules): the quantity
// of source `default` goes to the product's legacy stock item, one item at a time. Any other source cannot
// exist there: dead-lettered, naming the table to change (map exactly one warehouse to `default`). A product
// not in Magento yet (the product flow creates it) is retried rather than lost.
import { AppError } from '@m3mage/runtime';
import type { SourceItemBody } from '../clients/inventory.client';
import type { StockItemsClient } from '../clients/stock-items.client';
import type { SourceItemBatch } from './source-item-batch';

export const DEFAULT_SOURCE = 'default';

export function legacyStockItems(client: StockItemsClient): Pick<SourceItemBatch, 'save'> {
  return {
    async save(item: SourceItemBody) {
      if (item.source_code !== DEFAULT_SOURCE)
        throw new AppError(
          'VALIDATION',
          `source item ${item.sku}@${item.source_code}: a single-source store has only source "${DEFAULT_SOURCE}"; map exactly one M3 warehouse to "${DEFAULT_SOURCE}" in table sourceByWarehouse (or set MAGENTO_INVENTORY_MODE=msi)`,
          { details: { sku: item.sku, sourceCode: item.source_code } },
        );
      const current = await client.get(item.sku);
      if (!current)
        throw new AppError(
          'MAPPING_NOT_YET',
          `stock of ${item.sku}: the product is not in Magento yet (it is created from its M3 item); retried`,
          { details: { sku: item.sku } },
        );
      const inStock = item.status === 1;
      if (current.qty === item.quantity && current.is_in_stock === inStock) return;
      await client.save(item.sku, current.item_id, { qty: item.quantity, is_in_stock: inStock });
    },
  };
}
