// Typed order reads over the runtime HTTP client (breaker-guarded, classified errors):
// GET /rest/<store>/V1/orders/{entity_id} and GET /rest/<store>/V1/orders?searchCriteria… (FORMAT-NOTES 30–32).
import type { HttpClient } from '@m3mage/runtime';
import { encodeQuery, type Authorizer } from './magento-auth';

export const MAGENTO_GROUP = 'magento-rest';

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

export interface OrdersClientOptions {
  http: HttpClient;
  /** Origin (and path prefix) of the store, without /rest. */
  baseUrl: string;
  storeCode: string;
  authorize: Authorizer;
}

const filter = (i: number, field: string, value: string, condition: string): Record<string, string> => {
  const base = `searchCriteria[filter_groups][${i}][filters][0]`;
  return { [`${base}[field]`]: field, [`${base}[value]`]: value, [`${base}[condition_type]`]: condition };
};

export function createOrdersClient(opts: OrdersClientOptions): OrdersClient {
  const prefix = `/rest/${encodeURIComponent(opts.storeCode)}/V1`;
  const base = opts.baseUrl.replace(/\/+$/, '');

  async function get<T>(operation: string, path: string, query?: Record<string, string | number>): Promise<T> {
    const res = await opts.http.request<T>({
      group: MAGENTO_GROUP,
      operation,
      method: 'GET',
      path: `${prefix}${path}${query ? `?${encodeQuery(query)}` : ''}`,
      headers: { authorization: opts.authorize('GET', `${base}${prefix}${path}`, query) },
    });
    return res.body;
  }

  return {
    get: (entityId) => get('orders.get', `/orders/${entityId}`),
    changedSince: (since, page, pageSize) =>
      get<OrderList>('orders.search', '/orders', {
        ...filter(0, 'updated_at', since, 'gteq'),
        'searchCriteria[sortOrders][0][field]': 'updated_at',
        'searchCriteria[sortOrders][0][direction]': 'ASC',
        'searchCriteria[sortOrders][1][field]': 'entity_id',
        'searchCriteria[sortOrders][1][direction]': 'ASC',
        'searchCriteria[pageSize]': pageSize,
        'searchCriteria[currentPage]': page,
      }),
    async byIncrementId(incrementId) {
      const list = await get<OrderList>('orders.search', '/orders', {
        ...filter(0, 'increment_id', incrementId, 'eq'),
        'searchCriteria[pageSize]': 1,
      });
      return list.items[0];
    },
  };
}
