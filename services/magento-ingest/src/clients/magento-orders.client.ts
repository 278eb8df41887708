// Typed order reads over the shared Magento transport (@m3mage/connectors/magento: signed calls on the
// runtime HTTP client, breaker-guarded, classified errors):
// GET /rest/<store>/V1/orders/{entity_id} and GET /rest/<store>/V1/orders?searchCriteria… (FORMAT-NOTES 30–32).
import { searchFilter, type MagentoTransport } from '@m3mage/connectors/magento';
import { keysetQuery, type ChangedList, type ChangedQuery } from './keyset';

export { MAGENTO_GROUP } from '@m3mage/connectors/magento';
export type { ChangedQuery } from './keyset';

export type OrderList = ChangedList;

export interface OrdersClient {
  get(entityId: number): Promise<unknown>;
  /** The first page of a keyset read of orders by (updated_at, entity_id) ascending (see ChangedQuery). */
  changedPage(query: ChangedQuery, pageSize: number): Promise<OrderList>;
  /** The order with this increment id, or undefined. */
  byIncrementId(incrementId: string): Promise<unknown>;
}

/** Order reads over the Magento connector's transport (`magentoConnection(config).transport`). */
export function createOrdersClient({ call }: MagentoTransport): OrdersClient {
  const get = <T>(operation: string, path: string, query?: Record<string, string | number>): Promise<T> =>
    call<T>(operation, 'GET', path, query ? { query } : {});

  return {
    get: (entityId) => get('orders.get', `/orders/${entityId}`),
    changedPage: (q, pageSize) => get<OrderList>('orders.search', '/orders', keysetQuery(q, pageSize, 'entity_id')),
    async byIncrementId(incrementId) {
      const list = await get<OrderList>('orders.search', '/orders', {
        ...searchFilter(0, 'increment_id', incrementId, 'eq'),
        'searchCriteria[pageSize]': 1,
      });
      return list.items[0];
    },
  };
}
