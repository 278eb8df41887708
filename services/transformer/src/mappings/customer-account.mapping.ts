// Magento customer account (cdc.magento.customer.v1) → UpsertCustomer on cmd.m3.customer.v1. Name and
// e-mail are the account's; the main address (CUA1–4, PONO, TOWN, CSCD) is the default billing address; the
// default shipping address becomes the M3 delivery address of table customerAccounts. An update writes only
// the fields Magento owns (ownedByMagento); a customer without any address cannot be created in M3 (CUA1
// is mandatory in CRS610MI Add), so it is only updated when M3 has it already. Text is fitted to M3's
// lengths or the change is rejected with the reason — never cut.
import { constant, defineMapping, formatProblems, from, nested, reject, transform, unset } from './kit';
import { customerAccounts, ownedByMagento } from './tables/customer-accounts';
import { streetLine } from './transforms/address';
import { email, fit, personName, phone } from './transforms/text';
import { country } from './transforms/values';
import type { Address, Customer, CustomerData, CustomerDeliveryAddress, UpsertCustomer } from '@m3mage/schemas/types';

/** The address flagged as default (billing or shipping), else the only address the customer has. */
const defaultAddress = (kind: 'defaultBilling' | 'defaultShipping') =>
  transform<Customer, Address>(
    kind === 'defaultBilling' ? 'defaultBilling' : 'defaultShipping',
    `the customer’s ${kind === 'defaultBilling' ? 'default billing' : 'default shipping'} address, else its only address`,
    (c) => (c.addresses.find((a) => a[kind]) ?? (c.addresses.length === 1 ? c.addresses[0] : undefined))?.address,
  );
const billing = defaultAddress('defaultBilling');
const shipping = defaultAddress('defaultShipping');

const part = <K extends keyof Address>(key: K) =>
  transform<Address, Address[K]>(String(key), `its ${String(key)}`, (a) => a[key]);

const ADDRESS_FIELDS = new Set(['CUA1', 'CUA2', 'CUA3', 'CUA4', 'PONO', 'TOWN', 'CSCD']);

/** Magento 'YYYY-MM-DD HH:MM:SS' (UTC) → epoch ms as a decimal string (the version m3-writer compares). */
const magentoTime = transform<unknown, string>('magentoTime', 'Magento updated_at (UTC) as epoch ms', (v) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(String(v).trim());
  if (!m) return reject(`updated_at '${String(v)}' is not a Magento timestamp (YYYY-MM-DD HH:MM:SS)`);
  const n = m.slice(1).map(Number);
  return String(Date.UTC(n[0] ?? 0, (n[1] ?? 1) - 1, n[2], n[3], n[4], n[5]));
});

export const customerAccountDataMapping = defineMapping<Customer, CustomerData>(
  {
    email: from('email')
      .required('the customer has no e-mail; M3 customers are found and created by e-mail')
      .via(email),
    cunm: from().via(personName).required('the customer has no name').via(fit(36, 'customer name')),
    cua1: from().via(billing).via(streetLine(1)).default('').describe('empty: no address (not created in M3)'),
    cua2: from().via(billing).via(streetLine(2)).omit(),
    cua3: from().via(billing).via(streetLine(3)).omit(),
    cua4: from().via(billing).via(streetLine(4)).omit(),
    pono: from().via(billing).via(part('postcode')).via(fit(10, 'postcode')).omit(),
    town: from().via(billing).via(part('city')).via(fit(20, 'town')).omit(),
    cscd: from().via(billing).via(part('countryId')).via(country).omit(),
    phno: from()
      .via(billing)
      .via(part('telephone'))
      .via(phone)
      .omit()
      .describe('written on create only (M3 owns PHNO)'),
    cutm: constant(customerAccounts.template),
    magentoCustomerId: from('id').required(),
  },
  {
    name: 'customer-account-data',
    title: 'Customer account data (Magento customer → CRS610 basic data)',
    description: 'Name and e-mail of the account; the main address from the default billing address.',
  },
);

export const customerDeliveryAddressMapping = defineMapping<Address, CustomerDeliveryAddress>(
  {
    adrt: constant(customerAccounts.deliveryAddressType),
    adid: constant(customerAccounts.deliveryAddressId),
    cunm: from().via(personName).required('the shipping address has no name').via(fit(36, 'delivery name')),
    cua1: from().via(streetLine(1)).required('the shipping address has no street'),
    cua2: from().via(streetLine(2)).omit(),
    cua3: from().via(streetLine(3)).omit(),
    cua4: from().via(streetLine(4)).omit(),
    pono: from('postcode')
      .required('the shipping address has no postcode (AddAddress needs PONO)')
      .via(fit(10, 'postcode')),
    town: from('city').required('the shipping address has no city (AddAddress needs TOWN)').via(fit(20, 'town')),
    cscd: from('countryId').required('the shipping address has no country (AddAddress needs CSCD)').via(country),
    phno: from('telephone').via(phone).omit(),
  },
  {
    name: 'customer-delivery-address',
    title: 'Customer delivery address (Magento default shipping address → CRS610 address)',
    description: 'Kept in the M3 address of type/number customerAccounts.deliveryAddressType/Id.',
  },
);

const asDelivery = transform<Address, CustomerDeliveryAddress>(
  'deliveryAddress',
  'through [Customer delivery address](#mapping-customer-delivery-address); a field that cannot be fitted rejects the change',
  (a) => {
    const r = customerDeliveryAddressMapping.map(a);
    return r.ok ? r.value : reject(formatProblems(r.problems));
  },
);

/** The command body this mapping yields: `meta` is added by the handler. */
export type CustomerAccountBody = Omit<UpsertCustomer, 'meta'>;

export const customerAccountMapping = defineMapping<Customer, CustomerAccountBody>(
  {
    customer: nested(customerAccountDataMapping).required(),
    origin: constant('ACCOUNT'),
    action: constant('UPSERT'),
    version: from('updatedAt').required().via(magentoTime).describe('newest wins in m3-writer'),
    updateFields: from()
      .via(
        transform(
          'ownedFields',
          'table ownedByMagento; the address fields only when the customer has a main address (an account without one never blanks the address M3 has)',
          (c: Customer) =>
            billing.apply(c) ? [...ownedByMagento] : ownedByMagento.filter((f) => !ADDRESS_FIELDS.has(f)),
        ),
      )
      .required(),
    createIfMissing: from()
      .via(
        transform('hasAddress', 'true when the customer has a main address', (c: Customer) =>
          Boolean(billing.apply(c)),
        ),
      )
      .default(false),
    deliveryAddress: from().via(shipping).via(asDelivery).omit().describe('no default shipping address: not written'),
    deactivateStatus: unset().describe('set only for a deleted account'),
  },
  {
    name: 'customer-account',
    title: 'Customer account (Magento customer → cmd.m3.customer.v1)',
    description:
      'A Magento customer account created or changed becomes the M3 customer (found by derived number, cross-reference, then name + e-mail; created from the template). An update writes only the fields Magento owns; M3’s own fields (phone, type, status) are kept.',
  },
);
