// Orders: sales_order_* observer events and the OrderRepositoryInterface::save plugin hook, read in full from
// the payload when it is complete (Commerce webhooks usually are) or GET /V1/orders/{entity_id}, mapped to
// m3mage.magento.Order, produced on cdc.magento.order.v1 keyed by increment id.
import { AppError } from '@m3mage/runtime';
import type { Order } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import type { OrdersClient } from '../clients/magento-orders.client';
import { changeEnvelope } from '../mappings/change.mapping';
import { isCompleteOrder, mapOrder } from '../mappings/order.mapping';
import { text } from '../mappings/transforms/text';
import { integer } from '../mappings/transforms/values';
import { lenient, payloadTime, type Source } from '../mappings/values';
import { listedRow } from '../clients/keyset';
import type { Entity, EntityRef, EventDef, Reference } from './entity';

export const ORDER_POLLER = 'magento-orders';

/** The Magento observer events that carry an order and are ingested. */
export const ORDER_EVENTS: readonly string[] = Object.freeze([
  'sales_order_save_after',
  'sales_order_save_commit_after',
  'sales_order_place_after',
]);

/** Identifiers of an order payload (numbers or DB strings); undefined when it has neither id. */
export function orderRef(o: Source): EntityRef | undefined {
  const id = lenient(integer, o.entity_id);
  const key = lenient(text, o.increment_id);
  const updatedAt = payloadTime(o.updated_at);
  if (id === undefined && key === undefined) return undefined;
  return {
    ...(id !== undefined ? { id } : {}),
    ...(key !== undefined ? { key } : {}),
    ...(updatedAt !== undefined ? { updatedAt } : {}),
  };
}

/** A dead letter's reference to the order: ids and updated_at, never a copy of the order. */
function referenceOf(raw: unknown): Reference {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const n = typeof r.entity_id === 'number' ? r.entity_id : Number(str(r.entity_id) ?? NaN);
  const entityId = Number.isInteger(n) ? n : null;
  const incrementId = str(r.increment_id);
  const updatedAt = payloadTime(r.updated_at) ?? null;
  return {
    key: incrementId ?? `entity:${entityId ?? 'unknown'}`,
    restId: entityId,
    updatedAt,
    body: { entity: 'order', entityId, incrementId, updatedAt },
  };
}

const event = (name: string): EventDef => ({ name, kind: 'change', object: 'order' });

export function orderEntity(orders: OrdersClient): Entity<Order> {
  return {
    name: 'order',
    topic: TOPIC.cdcMagentoOrder,
    eventType: 'MagentoOrderChange',
    answerKey: 'incrementId',
    idName: 'entity_id',
    restPath: '/V1/orders',
    notFoundNote: 'the poller ingests it once Magento has it',
    events: ORDER_EVENTS.map(event),
    // OrderRepositoryInterface::save(OrderInterface $entity): an after-plugin's body has `result` too.
    plugins: [{ path: 'sales.api.order_repository.save', args: ['result', 'entity'] }],
    refFields: 'entity_id nor increment_id',
    ref: orderRef,
    async read(ref, payload) {
      if (payload && isCompleteOrder(payload)) return payload;
      if (ref.id !== undefined) return orders.get(ref.id);
      if (ref.key !== undefined) {
        const found = await orders.byIncrementId(ref.key);
        if (found !== undefined) return found;
      }
      throw new AppError('MAGENTO_NOT_FOUND', `Magento has no order ${ref.key ?? '(no id)'}`);
    },
    map: mapOrder,
    key: (o) => o.incrementId,
    version: (o) => o.updatedAt,
    change: (images, key, version, c) => changeEnvelope('order', images, key, version, c),
    reference: referenceOf,
    poll: {
      name: ORDER_POLLER,
      page: (query, pageSize) => orders.changedPage(query, pageSize),
      row: listedRow('entity_id'),
    },
  };
}
