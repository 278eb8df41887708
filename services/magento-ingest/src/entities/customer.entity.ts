// Customers: the customer model's observer events (save, save commit, storefront registration, delete), its
// addresses' save events (an address change re-reads its customer, named by `customer_id` / `parent_id`) and
// the CustomerRepositoryInterface / AddressRepositoryInterface save plugin hooks. A change is always read in
// full with GET /V1/customers/{id} (payloads are the model's data, filtered by <fields>); a delete cannot be read
// any more, so it carries the payload's customer as `before` and is followed by a tombstone. Produced on the
// compacted cdc.magento.customer.v1, keyed by the customer id. Sources: Adobe's events reference
// (observer.customer_save_after, …_save_commit_after, …_delete_commit_after, …_register_success), the webhooks
// address use case (plugin.magento.customer.api.address_repository.save), events:info of
// plugin.magento.customer.api.customer_repository.save, Magento's Customer/Address models (event prefixes
// `customer`, `customer_address`).
import { AppError } from '@m3mage/runtime';
import type { Customer } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import type { CustomersClient } from '../clients/magento-customers.client';
import { changeEnvelope } from '../mappings/change.mapping';
import { mapCustomer } from '../mappings/customer.mapping';
import { integer } from '../mappings/transforms/values';
import { lenient, payloadTime, type Source } from '../mappings/values';
import { listedRow } from '../clients/keyset';
import type { Entity, EntityRef, EventDef, Reference } from './entity';

export const CUSTOMER_POLLER = 'magento-customers';

/** A customer payload's id (`id` in REST and Commerce 2.4.7+ payloads, `entity_id` in model data). */
export function customerRef(o: Source): EntityRef | undefined {
  const id = lenient(integer, o.id ?? o.entity_id);
  if (id === undefined) return undefined;
  const updatedAt = payloadTime(o.updated_at);
  return { id, key: String(id), ...(updatedAt !== undefined ? { updatedAt } : {}) };
}

/** The customer an address belongs to (`customer_id` of AddressInterface, `parent_id` of the address model). */
export function addressOwner(o: Source): EntityRef | undefined {
  const id = lenient(integer, o.customer_id ?? o.parent_id);
  return id === undefined ? undefined : { id, key: String(id) };
}

const OWNER_FIELDS = 'customer_id nor parent_id';

const customerEvent = (name: string, kind: EventDef['kind'] = 'change'): EventDef => ({
  name,
  kind,
  object: 'customer',
});
const addressEvent = (name: string): EventDef => ({
  name,
  kind: 'change',
  object: 'customer_address',
  ref: addressOwner,
  refFields: OWNER_FIELDS,
});

export const CUSTOMER_EVENTS: readonly EventDef[] = Object.freeze([
  customerEvent('customer_save_after'),
  customerEvent('customer_save_commit_after'),
  // Storefront registration (Customer/Controller/Account/CreatePost): `{customer, account_controller}`.
  { ...customerEvent('customer_register_success'), wrapped: true },
  addressEvent('customer_address_save_after'),
  addressEvent('customer_address_save_commit_after'),
  customerEvent('customer_delete_after', 'delete'),
  customerEvent('customer_delete_commit_after', 'delete'),
]);

function referenceOf(raw: unknown): Reference {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Source;
  const id = customerRef(r)?.id ?? null;
  const updatedAt = payloadTime(r.updated_at) ?? null;
  return {
    key: id === null ? 'id:unknown' : String(id),
    restId: id,
    updatedAt,
    body: { entity: 'customer', id, updatedAt },
  };
}

export function customerEntity(customers: CustomersClient): Entity<Customer> {
  return {
    name: 'customer',
    topic: TOPIC.cdcMagentoCustomer,
    eventType: 'MagentoCustomerChange',
    answerKey: 'customerId',
    idName: 'id',
    restPath: '/V1/customers',
    notFoundNote:
      'a deleted customer comes as a delete event; the customer poller, when enabled, ingests it once Magento has it',
    events: CUSTOMER_EVENTS,
    plugins: [
      // CustomerRepositoryInterface::save(CustomerInterface $customer, $passwordHash = null)
      { path: 'customer.api.customer_repository.save', args: ['result', 'customer'] },
      // AddressRepositoryInterface::save(AddressInterface $address): its customer is re-read.
      {
        path: 'customer.api.address_repository.save',
        args: ['result', 'address'],
        ref: addressOwner,
        refFields: OWNER_FIELDS,
      },
    ],
    refFields: 'id nor entity_id',
    ref: customerRef,
    async read(ref) {
      if (ref.id === undefined) throw new AppError('MAGENTO_NOT_FOUND', 'Magento has no customer (no id)');
      return customers.get(ref.id);
    },
    map: mapCustomer,
    key: (c) => String(c.id),
    version: (c) => c.updatedAt,
    change: (images, key, version, c) => changeEnvelope('customer', images, key, version, c),
    reference: referenceOf,
    poll: {
      name: CUSTOMER_POLLER,
      page: (query, pageSize) => customers.changedPage(query, pageSize),
      row: listedRow('id'),
    },
  };
}
