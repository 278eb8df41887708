import { defineTable } from '../kit';

/** Magento carrier_code of an M3 carrier / forwarder name; anything else is a `custom` carrier. */
export const carrierCode = defineTable<string>({
  name: 'carrierCode',
  description: 'Magento carrier code of the carrier M3 names on a delivery package.',
  file: 'services/transformer/src/mappings/tables/carriers.ts',
  keyLabel: 'M3 carrier',
  valueLabel: 'Magento carrier code',
  entries: { UPS: 'ups', FEDEX: 'fedex', DHL: 'dhl', USPS: 'usps' },
  otherwise: { kind: 'value', value: 'custom' },
});
