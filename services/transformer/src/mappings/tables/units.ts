import { defineTable } from '../kit';

export interface UnitRule {
  /** M3 quantity = Magento quantity × factor (decimal string); M3 price = Magento price ÷ factor. */
  factor: string;
  /** ALUN sent with the line; null = the item's basic unit. */
  alun: string | null;
}

const BASIC: UnitRule = { factor: '1', alun: null };

/** Per-SKU unit rules (take precedence over the product-type rules). */
export const unitBySku = defineTable<UnitRule | null>({
  name: 'unitBySku',
  description: 'Unit conversion for SKUs Magento sells in another unit than M3 stocks (e.g. a 6-pack sold as one).',
  file: 'services/transformer/src/mappings/tables/units.ts',
  keyLabel: 'Magento SKU',
  valueLabel: 'rule',
  entries: { 'MH-SIXPACK': { factor: '6', alun: null }, 'MH-FABRIC-M': { factor: '100', alun: 'CM' } },
  otherwise: { kind: 'value', value: null },
});

/** Per product-type unit rules, for SKUs without their own rule. */
export const unitByProductType = defineTable<UnitRule>({
  name: 'unitByProductType',
  description: 'Unit conversion by Magento product type, for SKUs without a rule of their own.',
  file: 'services/transformer/src/mappings/tables/units.ts',
  keyLabel: 'product type',
  valueLabel: 'rule',
  entries: { simple: BASIC, virtual: BASIC, downloadable: BASIC },
  otherwise: { kind: 'value', value: BASIC },
});
