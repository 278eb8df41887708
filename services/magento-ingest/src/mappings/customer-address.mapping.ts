// Magento customer address (REST AddressInterface, or the address model's data: DB strings, `entity_id`,
// `parent_id`, region as text) → m3mage.magento.CustomerAddress. Every string is trimmed; free text has its card
// numbers masked. The customer reads its addresses first (customer.mapping.ts): each sees its `customer`.
import type { Address, CustomerAddress } from '@m3mage/schemas/types';
import { defineMapping, Field, from, getPath, nested, transform } from '@m3mage/runtime/mapping';
import { freeText, streetLines, trimmed, trimmedLines } from './transforms/text';
import { flag, integer, isSet, orElse } from './transforms/values';
import { MISSING, type Source } from './values';

/** A target field this mapping never fills: null in the record. */
const alwaysNull = (): Field<true> => new Field<false>({ kind: 'none' }).default(null);

const regionName = transform<unknown, unknown>(
  'regionName',
  "REST's `region.region`, or the model data's `region` text",
  (v) => (typeof v === 'object' ? getPath(v, 'region') : v),
);

/** Whether the address is the customer's default: by the customer's id column, else by the address's own flag. */
const isDefault = (kind: 'default_billing' | 'default_shipping') =>
  transform<Source, boolean>(
    kind === 'default_billing' ? 'isDefaultBilling' : 'isDefaultShipping',
    `the address id (\`id\`, else \`entity_id\`) is the customer's \`${kind}\`; only when the customer names none, the address's own \`${kind}\` flag (true, 1, "1")`,
    (a) => {
      const byCustomer = getPath(a, `customer.${kind}`);
      return isSet(byCustomer) ? String(byCustomer) === String(a.id ?? a.entity_id) : flag(a[kind]);
    },
  );

export const postalAddressMapping = defineMapping<Source, Address>(
  {
    firstname: from('firstname').via(freeText).via(trimmed).default(null),
    lastname: from('lastname').via(freeText).via(trimmed).default(null),
    company: from('company').via(freeText).via(trimmed).default(null),
    street: from('street').via(streetLines).via(trimmedLines).default([]),
    city: from('city').via(freeText).via(trimmed).default(null),
    region: from('region').via(regionName).via(freeText).via(trimmed).default(null),
    postcode: from('postcode').via(freeText).via(trimmed).default(null),
    countryId: from('country_id').via(trimmed).default(null),
    telephone: from('telephone').via(freeText).via(trimmed).default(null),
    email: alwaysNull().describe('a customer address has no e-mail (the customer has)'),
  },
  {
    name: 'magento-customer-postal-address',
    title: 'Magento customer postal address (customer address → Address)',
    description: 'The postal part of a customer address: trimmed, blank → null, free text with card numbers masked.',
  },
);

export const customerAddressMapping = defineMapping<Source, CustomerAddress>(
  {
    id: from().via(orElse('id', 'entity_id')).via(integer).default(null),
    address: nested(postalAddressMapping).required(MISSING),
    regionCode: from().via(orElse('region.region_code', 'region_code')).via(trimmed).default(null),
    defaultBilling: from().via(isDefault('default_billing')).default(false),
    defaultShipping: from().via(isDefault('default_shipping')).default(false),
  },
  {
    name: 'magento-customer-address',
    title: 'Magento customer address (customer address → CustomerAddress)',
    description:
      "An address of a customer: its id, the postal address, the region code, and whether it is the customer's default billing / shipping address (the customer's `default_billing` / `default_shipping` ids decide; the address's own flags only when the customer names none).",
  },
);
