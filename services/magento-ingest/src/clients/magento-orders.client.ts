// Typed order reads over the shared Magento transport (@m3mage/connectors/magento: signed calls on the
// runtime HTTP client, breaker-guarded, classified errors):
// GET /rest/<store>/V1/orders/{entity_id} and GET /rest/<store>/V1/orders?searchCriteria… (FORMAT-NOTES 30–32).
import { searchFilter, type MagentoTransport } from '@m3mage/connectors/magento';

export { MAGENTO_GROUP } from '@m3mage/connectors/magento';

export interface OrderList {
  items: unknown[];
  total_count: number;
}

/**
 * One step of a keyset read: `from` = orders with updated_at ≥ the time; `same-second` = updated_at equal to
 * the time and entity_id above `afterEntityId`; `later` = updated_at after the time. Always page 1: the
 * cursor moves by value, so orders changed while the read goes on cannot shift others out of sight.
 */
export type ChangedQuery =
  | { kind: 'from'; updatedAt: string }
  | { kind: 'same-second'; updatedAt: string; afterEntityId: number }
  | { kind: 'later'; updatedAt: string };

export interface OrdersClient {
  get(entityId: number): Promise<unknown>;
  /** Orders with updated_at ≥ `since`, oldest first (ties by entity_id), one page. */
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
    changedPage: (q, pageSize) => {
      const sameSecond = q.kind === 'same-second';
      return get<OrderList>('orders.search', '/orders', {
        ...searchFilter(0, 'updated_at', q.updatedAt, q.kind === 'from' ? 'gteq' : q.kind === 'later' ? 'gt' : 'eq'),
        ...(sameSecond ? searchFilter(1, 'entity_id', q.afterEntityId, 'gt') : {}),
        ...(sameSecond
          ? {}
          : {
              'searchCriteria[sortOrders][0][field]': 'updated_at',
              'searchCriteria[sortOrders][0][direction]': 'ASC',
            }),
        [`searchCriteria[sortOrders][${sameSecond ? 0 : 1}][field]`]: 'entity_id',
        [`searchCriteria[sortOrders][${sameSecond ? 0 : 1}][direction]`]: 'ASC',
        'searchCriteria[pageSize]': pageSize,
        'searchCriteria[currentPage]': 1,
      });
    },
    async byIncrementId(incrementId) {
      const list = await get<OrderList>('orders.search', '/orders', {
        ...searchFilter(0, 'increment_id', incrementId, 'eq'),
        'searchCriteria[pageSize]': 1,
      });
      return list.items[0];
    },
  };
}
