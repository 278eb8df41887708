// Magento REST customer (GET /V1/customers/{id}, FORMAT-NOTES 37; or the model data of a delete event: DB-style
// strings, `entity_id`, `parent_id`) → m3mage.magento.Customer. One line per target field; every string is
// trimmed. What a person typed (names, taxvat, address lines, city, region, postcode, telephone) goes through
// `freeText`, which masks card numbers (ADR 0009); identifiers and codes (ids, e-mail, country, region code) are
// copied as they are. An address is a default billing / shipping address when its id is the customer's
// `default_billing` / `default_shipping` (the customer's columns decide; the per-address flags only when the
// customer names none). Refusals name the field, never its value (personal data stays out of messages).
import type { Address, Customer, CustomerAddress } from '@m3mage/schemas/types';
import {
  at,
  freeText,
  integer,
  list,
  MappingError,
  mappingOf,
  newReport,
  nullable,
  object,
  requiredInteger,
  run,
  streetLines,
  timestamp,
  trimmed,
  type MapReport,
  type Source,
  type Table,
} from './values';

/** Free text, trimmed; blank → undefined. */
const typed = (value: unknown, field: string, report: MapReport): string | undefined =>
  freeText(value, field, report)?.trim() || undefined;

const must = <T>(value: T | undefined, field: string): T => {
  if (value === undefined) throw new MappingError(field, 'is missing');
  return value;
};

const isSet = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
const flag = (v: unknown): boolean => v === true || v === 1 || v === '1';

/** Whether address `a` is the customer's default: by the customer's id column, else by the address's own flag. */
const isDefault = (a: Source, customerDefault: unknown, own: unknown): boolean =>
  isSet(customerDefault) ? String(customerDefault) === String(a.id ?? a.entity_id) : flag(own);

/** REST `region: {region_code, region, region_id}`; model data `region` (text) and `region_id`. */
const regionName = (a: Source): unknown => (typeof a.region === 'object' ? at(a, 'region.region') : a.region);

export const postalTable = (path: string): Table<Address> => ({
  firstname: (a, r) => nullable(typed(a.firstname, `${path}.firstname`, r)),
  lastname: (a, r) => nullable(typed(a.lastname, `${path}.lastname`, r)),
  company: (a, r) => nullable(typed(a.company, `${path}.company`, r)),
  street: (a, r) => streetLines(a.street, `${path}.street`, r).map((line) => line.trim()),
  city: (a, r) => nullable(typed(a.city, `${path}.city`, r)),
  region: (a, r) => nullable(typed(regionName(a), `${path}.region.region`, r)),
  postcode: (a, r) => nullable(typed(a.postcode, `${path}.postcode`, r)),
  countryId: (a) => nullable(trimmed(a.country_id, `${path}.country_id`)),
  telephone: (a, r) => nullable(typed(a.telephone, `${path}.telephone`, r)),
  email: () => null,
});

export const customerAddressTable = (path: string, customer: Source): Table<CustomerAddress> => ({
  id: (a) => nullable(integer(a.id ?? a.entity_id, `${path}.id`)),
  address: (a, r) => run(postalTable(path), a, r),
  regionCode: (a) => nullable(trimmed(at(a, 'region.region_code') ?? a.region_code, `${path}.region.region_code`)),
  defaultBilling: (a) => isDefault(a, customer.default_billing, a.default_billing),
  defaultShipping: (a) => isDefault(a, customer.default_shipping, a.default_shipping),
});

export const customerTable: Table<Customer> = {
  id: (c) => requiredInteger(c.id ?? c.entity_id, 'id'),
  websiteId: (c) => requiredInteger(c.website_id, 'website_id'),
  storeId: (c) => nullable(integer(c.store_id, 'store_id')),
  groupId: (c) => requiredInteger(c.group_id, 'group_id'),
  email: (c) => must(trimmed(c.email, 'email'), 'email'),
  prefix: (c, r) => nullable(typed(c.prefix, 'prefix', r)),
  firstname: (c, r) => must(typed(c.firstname, 'firstname', r), 'firstname'),
  middlename: (c, r) => nullable(typed(c.middlename, 'middlename', r)),
  lastname: (c, r) => must(typed(c.lastname, 'lastname', r), 'lastname'),
  suffix: (c, r) => nullable(typed(c.suffix, 'suffix', r)),
  taxvat: (c, r) => nullable(typed(c.taxvat, 'taxvat', r)),
  createdAt: (c) => (isSet(c.created_at) ? timestamp(c.created_at, 'created_at') : null),
  updatedAt: (c) => timestamp(c.updated_at, 'updated_at'),
  addresses: (c, r) =>
    list(c.addresses, 'addresses').map((a, n) => run(customerAddressTable(`addresses[${n}]`, c), a, r)),
};

/**
 * Maps a customer; throws MappingError (MAPPING_UNMAPPABLE, "Magento customer: <field> …") naming the field.
 * Card numbers in free text are masked; `report.masked` gets one field name per card number.
 */
export function mapCustomer(src: unknown, report: MapReport = newReport()): Customer {
  return mappingOf('customer', () => {
    const c = object(src, 'customer');
    if (!c) throw new MappingError('customer', 'is missing');
    return run(customerTable, c, report);
  });
}
