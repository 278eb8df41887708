import { defineTable } from '../kit';

/** Magento MSI source of an M3 warehouse (the stock flow M3 → Magento). */
export const sourceByWarehouse = defineTable<string>({
  name: 'sourceByWarehouse',
  description:
    'Magento MSI source_code (letters, digits, `-`, `_`) of each M3 warehouse whose stock the store sells. A missing source is created from the warehouse and linked to the stocks of `inventorySettings`; sources are never deleted or disabled by the integration. A warehouse not in the table is reported once (dead letter of its warehouse record) and its stock is not sent. For a store without MSI, map the warehouse to `default` (the single source of the legacy stock item).',
  file: 'services/transformer/src/mappings/tables/sources.ts',
  keyLabel: 'M3 warehouse (WHLO)',
  valueLabel: 'Magento source',
  entries: { '100': 'wh_sto', '200': 'wh_ber', '300': 'wh_osl' },
  otherwise: { kind: 'reject', hint: 'add the warehouse to table sourceByWarehouse (or leave it out of the store)' },
});
