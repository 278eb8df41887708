// Magento REST customer (GET /V1/customers/{id}, FORMAT-NOTES 37; or the model data of a delete event: DB-style
// strings, `entity_id`, `parent_id`) → m3mage.magento.Customer. Every string is trimmed; what a person typed has
// its card numbers masked (ADR 0009); identifiers and codes (ids, e-mail, country, region code) are copied as they
// are. Refusals name the field, never its value (personal data stays out of messages).
import type { Customer } from '@m3mage/schemas/types';
import { defineMapping, each, from, type Problem } from '@m3mage/runtime/mapping';
import { customerAddressMapping } from './customer-address.mapping';
import { listAt, runMapping } from './run';
import { freeText, trimmed } from './transforms/text';
import { integer, orElse, timestamp } from './transforms/values';
import { MISSING, newReport, type MapReport, type Source } from './values';

export const customerMapping = defineMapping<Source, Customer>(
  {
    id: from().via(orElse('id', 'entity_id')).via(integer).required(MISSING),
    websiteId: from('website_id').via(integer).required(MISSING),
    storeId: from('store_id').via(integer).default(null),
    groupId: from('group_id').via(integer).required(MISSING),
    email: from('email').via(trimmed).required(MISSING).describe('an identifier: not masked'),
    prefix: from('prefix').via(freeText).via(trimmed).default(null),
    firstname: from('firstname').via(freeText).via(trimmed).required(MISSING),
    middlename: from('middlename').via(freeText).via(trimmed).default(null),
    lastname: from('lastname').via(freeText).via(trimmed).required(MISSING),
    suffix: from('suffix').via(freeText).via(trimmed).default(null),
    taxvat: from('taxvat').via(freeText).via(trimmed).default(null),
    createdAt: from('created_at').via(timestamp).default(null),
    updatedAt: from('updated_at').via(timestamp).required(MISSING),
    addresses: each('addresses', customerAddressMapping).default([]),
  },
  {
    name: 'magento-customer',
    title: 'Magento customer (REST customer → cdc.magento.customer.v1)',
    description:
      'A Magento customer as REST gives it, or the model data of a delete event (DB-style strings, `entity_id`, addresses with `parent_id`, street lines joined by "\\n"). `addresses` is read as a list (an id-keyed object too, FORMAT-NOTES 40); each address sees its customer as `customer`. Refused with every field that cannot be mapped; a refusal never quotes personal data.',
  },
);

/** The customer as its table reads it: `addresses` a list, each with its `customer`. */
function readCustomer(c: Source, problems: Problem[]): Source {
  return { ...c, addresses: listAt(c.addresses, 'addresses', problems).map((a) => ({ ...a, customer: c })) };
}

/**
 * Maps a customer; throws MappingError (MAPPING_UNMAPPABLE, "Magento customer: <field> …") naming every field
 * that cannot be mapped. Card numbers in free text are masked; `report.masked` gets one field name per card number.
 */
export function mapCustomer(src: unknown, report: MapReport = newReport()): Customer {
  return runMapping('customer', customerMapping, readCustomer, src, report);
}
