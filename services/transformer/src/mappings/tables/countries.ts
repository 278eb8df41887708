import { defineTable } from '../kit';

/** CSCD (A3) of an ISO 3166-1 alpha-2 country, where M3 is set up with another code. */
export const countryCode = defineTable<string>({
  name: 'countryCode',
  description: 'M3 country code (CSCD) of an ISO 3166-1 alpha-2 country. Most are the same; this lists the exceptions.',
  file: 'services/transformer/src/mappings/tables/countries.ts',
  keyLabel: 'ISO country',
  valueLabel: 'M3 CSCD',
  entries: { GR: 'EL' },
  otherwise: { kind: 'identity' },
});
