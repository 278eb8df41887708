import { defineTable } from '../kit';

/** ITNO of a Magento SKU, for SKUs that differ from the M3 item number (all others are used as they are). */
export const itemBySku = defineTable<string>({
  name: 'itemBySku',
  description:
    'M3 item number (ITNO, A15) of Magento SKUs that are not the item number itself. Shipments and invoices coming back from M3 use the same table in reverse.',
  file: 'services/transformer/src/mappings/tables/items.ts',
  keyLabel: 'Magento SKU',
  valueLabel: 'M3 item',
  entries: { 'GIFTCARD-DIGITAL-50-EUR': 'GC50' },
  otherwise: { kind: 'identity' },
});

/** The reverse of itemBySku (M3 ITNO → Magento SKU). */
export const skuByItem = defineTable<string>({
  name: 'skuByItem',
  description: 'Reverse of itemBySku: the Magento SKU of an M3 item number.',
  file: 'services/transformer/src/mappings/tables/items.ts',
  keyLabel: 'M3 item',
  valueLabel: 'Magento SKU',
  entries: Object.fromEntries(Object.entries(itemBySku.entries).map(([sku, itno]) => [itno, sku])),
  otherwise: { kind: 'identity' },
});
