// Magento customer reads and writes (`/V1/customers/{id}`, no store code: the customer endpoints are not
// scoped by the `all` store code, which applies to CMS and product endpoints only — MASTER-DATA-NOTES §4).
// Unlike a product, a customer is saved from the request body, not merged with the stored one (an omitted
// attribute may not survive), so a change is always GET → modify → PUT of the whole customer; `addresses`
// present is the final list (addresses not in it are deleted), omitted keeps them all — so it is sent only
// when an address we own changed, as the current list with that one change.
import type { MagentoTransport } from '@m3mage/connectors/magento';
import { isAppError } from '@m3mage/runtime';

export interface MagentoCustomerAddress {
  id?: number;
  telephone?: string;
  default_billing?: boolean;
  default_shipping?: boolean;
  [key: string]: unknown;
}

/** A Magento customer as REST returns it (the fields magento-writer reads; everything else is passed back). */
export interface MagentoCustomer {
  id: number;
  email: string;
  group_id?: number;
  default_billing?: string;
  addresses?: MagentoCustomerAddress[];
  [key: string]: unknown;
}

export interface CustomersClient {
  /** The customer, or undefined when Magento has none with this id. */
  get(id: number): Promise<MagentoCustomer | undefined>;
  update(id: number, customer: MagentoCustomer): Promise<MagentoCustomer>;
}

export function createCustomersClient({ call }: MagentoTransport): CustomersClient {
  const path = (id: number) => `/customers/${id}`;
  return {
    async get(id) {
      try {
        return await call<MagentoCustomer>('customers.get', 'GET', path(id), {});
      } catch (e) {
        if (isAppError(e) && e.code === 'MAGENTO_NOT_FOUND') return undefined;
        throw e;
      }
    },
    update: (id, customer) => call<MagentoCustomer>('customers.update', 'PUT', path(id), { body: { customer } }),
  };
}
