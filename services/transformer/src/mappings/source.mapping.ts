// M3 warehouse (cdc.m3.warehouse.v1) → UpsertSource on cmd.magento.source.v1. The source code comes from
// table sourceByWarehouse; name and address are M3's (the source ownership table in magento-writer); a new
// source is linked to the stocks of inventorySettings. Magento requires country and postcode.
import { defineMapping, from, lookup, transform } from './kit';
import { inventorySettings } from './tables/inventory-settings';
import { sourceByWarehouse } from './tables/sources';
import type { UpsertSource, Warehouse } from '@m3mage/schemas/types';

const toStreet = transform<unknown, string | null>(
  'toStreet',
  'address lines ADR1..ADR4 joined with ", " (null when M3 has none)',
  (lines) => (Array.isArray(lines) && lines.length > 0 ? lines.join(', ') : null),
);

export const sourceMapping = defineMapping<Warehouse, Omit<UpsertSource, 'meta'>>(
  {
    sourceCode: from('whlo').required().via(lookup(sourceByWarehouse)),
    m3Version: from('changeStamp').required().describe('newest wins in magento-writer'),
    name: from('name').required('the warehouse has no name (WHNM); Magento needs one'),
    countryId: from('country').required('the warehouse has no country (CSCD); Magento needs one'),
    postcode: from('postcode').required('the warehouse has no postcode (PONO); Magento needs one'),
    city: from('town').default(null),
    street: from('addressLines').via(toStreet).default(null),
    stockIds: from('')
      .via(
        transform('stocksForNewSources', 'inventorySettings.stockIdsForNewSources', () => [
          ...inventorySettings.stockIdsForNewSources,
        ]),
      )
      .required(),
  },
  {
    name: 'source',
    title: 'Inventory source (M3 warehouse → Magento MSI source)',
    description:
      'An M3 warehouse the store sells from becomes a Magento MSI source (created when missing, linked to the stocks; never deleted or disabled). Name and address are M3’s; `enabled` and everything else are Magento’s.',
  },
);
