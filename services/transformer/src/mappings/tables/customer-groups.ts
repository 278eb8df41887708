import { defineTable } from '../kit';

/** M3 customer type (CRS610 CUTP) → Magento customer group id; M3 owns the group (table ownedByM3). */
export const customerGroupByType = defineTable<number | null>({
  name: 'customerGroupByType',
  description:
    'The Magento customer group a customer is put in, by its M3 customer type (CUTP). A type not listed leaves the Magento group as it is (not written). Magento’s default groups: 1 General, 2 Wholesale, 3 Retailer.',
  file: 'services/transformer/src/mappings/tables/customer-groups.ts',
  keyLabel: 'M3 customer type',
  valueLabel: 'Magento customer group id',
  entries: {
    '0': 1,
    '1': 2,
    '2': 3,
  },
  otherwise: { kind: 'value', value: null },
});
