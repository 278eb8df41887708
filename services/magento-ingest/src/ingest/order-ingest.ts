// The ingest pipeline shared by every channel: pre-check (event id, stale updated_at) → the full order
// (from the payload when complete, else Magento REST) → map → under a per-order lock: judge the version,
// produce the change event, await Kafka's ack, record the version (also acked). Errors propagate so the
// caller answers the sender with a retryable status.
import { AppError, type Logger, type OutgoingRecord } from '@m3mage/runtime';
import { EVENT_TYPE, orderChange } from '../mappings/change.mapping';
import { isCompleteOrder, mapOrder } from '../mappings/order.mapping';
import type { MagentoOrderChange, Order as MagentoOrder } from '@m3mage/schemas/types';
import type { OrdersClient } from '../clients/magento-orders.client';
import type { VersionStore } from '../state/stores';
import type { IngestResult, OrderDelivery } from './delivery';
import { createKeyedLock } from './keyed-lock';
import { contentHash, judge, prejudge } from './versions';

export const CDC_TOPIC = 'cdc.magento.order.v1';

export interface OrderIngestDeps {
  orders: Pick<OrdersClient, 'get' | 'byIncrementId'>;
  versions: VersionStore;
  /** Resolves when Kafka acknowledged the record (Producer.send). */
  produce: (record: OutgoingRecord<MagentoOrderChange>) => Promise<unknown>;
  now: () => number;
  logger: Logger;
}

export interface OrderIngest {
  ingest(d: OrderDelivery): Promise<IngestResult>;
  /** Ingests an order already read in full (the poller). */
  ingestOrder(d: OrderDelivery, order: MagentoOrder): Promise<IngestResult>;
}

export function createOrderIngest(deps: OrderIngestDeps): OrderIngest {
  const lock = createKeyedLock();
  const log = deps.logger.child({ component: 'ingest' });

  async function fullOrder(d: OrderDelivery): Promise<unknown> {
    if (d.payload && isCompleteOrder(d.payload)) return d.payload;
    if (d.ref.entityId !== undefined) return deps.orders.get(d.ref.entityId);
    if (d.ref.incrementId !== undefined) {
      const found = await deps.orders.byIncrementId(d.ref.incrementId);
      if (found !== undefined) return found;
    }
    throw new AppError('MAGENTO_NOT_FOUND', `Magento has no order ${d.ref.incrementId ?? '(no id)'}`);
  }

  async function ingestOrder(d: OrderDelivery, order: MagentoOrder): Promise<IngestResult> {
    const id = order.incrementId;
    const hash = contentHash(order);
    return lock.run(id, async () => {
      const known = deps.versions.get(id);
      const verdict = judge(known, order.updatedAt, hash);
      if (verdict === 'duplicate' || verdict === 'stale') return { outcome: verdict, incrementId: id };
      const op = known ? 'u' : 'c';
      const now = deps.now();
      const value = orderChange(order, {
        op,
        eventId: d.eventId,
        occurredAt: d.occurredAt,
        receivedAt: d.receivedAt,
        now,
      });
      await deps.produce({
        topic: CDC_TOPIC,
        key: id,
        value,
        meta: {
          correlationId: id,
          causationId: d.eventId,
          eventType: EVENT_TYPE,
          sourceSystem: 'magento',
          occurredAt: new Date(d.occurredAt),
        },
        headers: { 'magento-event': d.eventName, 'ingest-source': d.source },
      });
      await deps.versions.set(id, { updatedAt: order.updatedAt, hash, eventId: d.eventId }, now);
      log.debug({ correlationId: id, op, version: order.updatedAt, source: d.source }, 'order change produced');
      return { outcome: 'produced', incrementId: id, op, version: order.updatedAt };
    });
  }

  return {
    async ingest(d) {
      const id = d.ref.incrementId;
      if (id !== undefined) {
        const early = prejudge(deps.versions.get(id), d.eventId, d.ref.updatedAt);
        if (early === 'duplicate' || early === 'stale') return { outcome: early, incrementId: id };
      }
      return ingestOrder(d, mapOrder(await fullOrder(d)));
    },
    ingestOrder,
  };
}
