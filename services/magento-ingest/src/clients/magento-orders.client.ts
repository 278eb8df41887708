// Typed order reads over the shared Magento transport (@m3mage/connectors/magento: signed calls on the
// runtime HTTP client, breaker-guarded, classified errors):
// GET /rest/<store>/V1/orders/{entity_id} and GET /rest/<store>/V1/orders?searchCriteria… (FORMAT-NOTES 30–32).
import { createMagentoTransport, searchFilter, type MagentoTransportOptions } from '@m3mage/connectors/magento';

export { MAGENTO_GROUP } from '@m3mage/connectors/magento';

export interface OrderList {
  items: unknown[];
  total_count: number;
}

export interface OrdersClient {
  get(entityId: number): Promise<unknown>;
  /** Orders with updated_at ≥ `since`, oldest first (ties by entity_id), one page. */
  changedSince(since: string, page: number, pageSize: number): Promise<OrderList>;
  /** The order with this increment id, or undefined. */
  byIncrementId(incrementId: string): Promise<unknown>;
}

export type OrdersClientOptions = MagentoTransportOptions;

export function createOrdersClient(opts: OrdersClientOptions): OrdersClient {
  const { call } = createMagentoTransport(opts);
  const get = <T>(operation: string, path: string, query?: Record<string, string | number>): Promise<T> =>
    call<T>(operation, 'GET', path, query ? { query } : {});

  return {
    get: (entityId) => get('orders.get', `/orders/${entityId}`),
    changedSince: (since, page, pageSize) =>
      get<OrderList>('orders.search', '/orders', {
        ...searchFilter(0, 'updated_at', since, 'gteq'),
        'searchCriteria[sortOrders][0][field]': 'updated_at',
        'searchCriteria[sortOrders][0][direction]': 'ASC',
        'searchCriteria[sortOrders][1][field]': 'entity_id',
        'searchCriteria[sortOrders][1][direction]': 'ASC',
        'searchCriteria[pageSize]': pageSize,
        'searchCriteria[currentPage]': page,
      }),
    async byIncrementId(incrementId) {
      const list = await get<OrderList>('orders.search', '/orders', {
        ...searchFilter(0, 'increment_id', incrementId, 'eq'),
        'searchCriteria[pageSize]': 1,
      });
      return list.items[0];
    },
  };
}
