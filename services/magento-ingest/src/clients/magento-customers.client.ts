// Typed customer reads over the shared Magento transport (the integration token the order reads use):
// GET /rest/<store>/V1/customers/{id} and GET /rest/<store>/V1/customers/search?searchCriteria… (FORMAT-NOTES
// 30–31, 37). searchCriteria filters and sorts customers by their `entity_id` column; answers name it `id`.
import type { MagentoTransport } from '@m3mage/connectors/magento';
import { keysetQuery, type ChangedList, type ChangedQuery } from './keyset';

export interface CustomersClient {
  get(id: number): Promise<unknown>;
  /** The first page of a keyset read of customers by (updated_at, entity_id) ascending (see ChangedQuery). */
  changedPage(query: ChangedQuery, pageSize: number): Promise<ChangedList>;
}

export function createCustomersClient({ call }: MagentoTransport): CustomersClient {
  return {
    get: (id) => call('customers.get', 'GET', `/customers/${id}`, {}),
    changedPage: (q, pageSize) =>
      call<ChangedList>('customers.search', 'GET', '/customers/search', {
        query: keysetQuery(q, pageSize, 'entity_id'),
      }),
  };
}
