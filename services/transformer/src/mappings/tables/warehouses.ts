import { defineTable } from '../kit';

/** WHLO of an order line by the Magento MSI source it ships from. */
export const warehouseBySource = defineTable<string>({
  name: 'warehouseBySource',
  description: 'M3 warehouse (WHLO, A3) of each Magento inventory source. A line without a source uses `default`.',
  file: 'services/transformer/src/mappings/tables/warehouses.ts',
  keyLabel: 'Magento source',
  valueLabel: 'M3 warehouse',
  entries: { default: '100', wh_sto: '100', wh_ber: '200', wh_aus: '200' },
  otherwise: { kind: 'reject', hint: 'add the source to the table' },
});
