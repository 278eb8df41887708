// Single-source stores: the source `default` goes to the legacy stock item; other sources and products not in
// Magento yet end in a precise error (dead letter / retry), an unchanged quantity costs no write.
import { describe, expect, it } from 'vitest';
import type { LegacyStockItem, StockItemsClient } from '../src/clients/stock-items.client';
import { legacyStockItems } from '../src/handlers/legacy-stock';

function fakeClient(items: Record<string, LegacyStockItem>) {
  const saves: Array<{ sku: string; itemId: number; values: unknown }> = [];
  const client: StockItemsClient = {
    get: async (sku) => items[sku],
    save: async (sku, itemId, values) => void saves.push({ sku, itemId, values }),
  };
  return { client, saves };
}

describe('legacy stock items (MAGENTO_INVENTORY_MODE=single-source)', () => {
  it('saves qty and is_in_stock on the stock item of source default; an unchanged one makes no call', async () => {
    const { client, saves } = fakeClient({ A: { item_id: 7, qty: 1, is_in_stock: true } });
    const legacy = legacyStockItems(client);
    await legacy.save({ sku: 'A', source_code: 'default', quantity: 0, status: 0 });
    expect(saves).toEqual([{ sku: 'A', itemId: 7, values: { qty: 0, is_in_stock: false } }]);
    const { client: same, saves: none } = fakeClient({ A: { item_id: 7, qty: 5, is_in_stock: true } });
    await legacyStockItems(same).save({ sku: 'A', source_code: 'default', quantity: 5, status: 1 });
    expect(none).toEqual([]);
  });

  it('refuses another source with the table to change, and retries a product that is not there yet', async () => {
    const legacy = legacyStockItems(fakeClient({}).client);
    const refused = await legacy
      .save({ sku: 'A', source_code: 'wh_sto', quantity: 1, status: 1 })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION' });
    expect((refused as Error).message).toContain('sourceByWarehouse');
    await expect(legacy.save({ sku: 'NEW', source_code: 'default', quantity: 1, status: 1 })).rejects.toMatchObject({
      code: 'MAPPING_NOT_YET',
      retriable: true,
    });
  });
});
