// The ingest pipeline shared by every channel: pre-check (event id, stale updated_at) → the full order
// (from the payload when complete, else Magento REST) → map → the runtime's version guard (per order, one at
// a time: newest updated_at wins, the content hash tells changes within one second apart and recognises a
// repeat) → produce the change event, await Kafka's ack, record the version (also acked). Errors propagate so the
// caller answers the sender with a retryable status.
// An order read in full that cannot be mapped (the poller's case) is dead-lettered to magento-ingest.dlq:
// a reference to the order (no copy of it) with the reason, once per version of the order.
// Card numbers in free text were masked by the mapping; each one in a produced record is counted.
import {
  AppError,
  contentHash,
  sourceDeadLetter,
  type DeadLetter,
  type Logger,
  type Metrics,
  type OutgoingRecord,
  type Verdict,
} from '@m3mage/runtime';
import { EVENT_TYPE, orderChange } from '../mappings/change.mapping';
import { isCompleteOrder, mapOrder } from '../mappings/order.mapping';
import { newReport } from '../mappings/values';
import type { MagentoOrderChange, Order as MagentoOrder } from '@m3mage/schemas/types';
import type { OrdersClient } from '../clients/magento-orders.client';
import { orderVersionKey, type OrderVersions } from '../state/stores';
import type { IngestResult, OrderDelivery } from './delivery';
import { TOPIC } from '@m3mage/topics/catalogue';

const SERVICE = 'magento-ingest';

export interface OrderIngestDeps {
  orders: Pick<OrdersClient, 'get' | 'byIncrementId'>;
  versions: OrderVersions;
  /** Resolves when Kafka acknowledged the record (Producer.send). */
  produce: (record: OutgoingRecord<MagentoOrderChange>) => Promise<unknown>;
  /** Sends to magento-ingest.dlq; resolves when Kafka acknowledged. */
  deadLetter: (record: OutgoingRecord<DeadLetter>) => Promise<unknown>;
  now: () => number;
  logger: Logger;
  metrics: Pick<Metrics, 'cardNumbersMasked'>;
}

export interface OrderIngest {
  ingest(d: OrderDelivery): Promise<IngestResult>;
  /** Ingests an order already read in full and mapped (the poller); `masked`: the mapping's masked fields. */
  ingestOrder(d: OrderDelivery, order: MagentoOrder, masked: readonly string[]): Promise<IngestResult>;
  /** Dead-letters an order read in full that cannot be mapped; once per version of the order. */
  unmappable(d: OrderDelivery, raw: unknown, error: AppError): Promise<IngestResult>;
}

/** What a dead letter of magento-ingest points at: the order in Magento, never a copy of it. */
export interface OrderReference {
  entity: 'order';
  entityId: number | null;
  incrementId: string | null;
  updatedAt: string | null;
}

function referenceOf(raw: unknown): OrderReference {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const id = typeof r.entity_id === 'number' ? r.entity_id : Number(str(r.entity_id) ?? NaN);
  return {
    entity: 'order',
    entityId: Number.isInteger(id) ? id : null,
    incrementId: str(r.increment_id),
    updatedAt: str(r.updated_at)?.replace('T', ' ').slice(0, 19) ?? null,
  };
}

/** A version the guard did not admit: an older one is stale, the same one a duplicate. */
const skipped = (verdict: Verdict): 'duplicate' | 'stale' => (verdict === 'stale' ? 'stale' : 'duplicate');

export function createOrderIngest(deps: OrderIngestDeps): OrderIngest {
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

  async function ingestOrder(d: OrderDelivery, order: MagentoOrder, masked: readonly string[]): Promise<IngestResult> {
    const id = order.incrementId;
    const version = { value: order.updatedAt, hash: contentHash(order) };
    const admitted = await deps.versions.admit(
      orderVersionKey(id),
      version,
      { eventId: d.eventId, correlationId: id },
      async (verdict) => {
        const op = verdict === 'new' ? 'c' : 'u';
        const value = orderChange(order, {
          op,
          eventId: d.eventId,
          occurredAt: d.occurredAt,
          receivedAt: d.receivedAt,
          now: deps.now(),
        });
        await deps.produce({
          topic: TOPIC.cdcMagentoOrder,
          key: id,
          value,
          meta: {
            correlationId: id,
            causationId: d.eventId,
            eventType: EVENT_TYPE,
            sourceSystem: 'MAGENTO',
            occurredAt: new Date(d.occurredAt),
          },
          headers: { 'magento-event': d.eventName, 'ingest-source': d.source },
        });
        for (const field of masked) deps.metrics.cardNumbersMasked.inc({ service: SERVICE, field });
        if (masked.length > 0) log.warn({ correlationId: id, fields: [...new Set(masked)] }, 'card numbers masked');
        log.debug({ correlationId: id, op, version: order.updatedAt, source: d.source }, 'order change produced');
        return op;
      },
    );
    if (admitted.result === undefined) return { outcome: skipped(admitted.verdict), incrementId: id };
    return { outcome: 'produced', incrementId: id, op: admitted.result, version: order.updatedAt };
  }

  async function unmappable(d: OrderDelivery, raw: unknown, error: AppError): Promise<IngestResult> {
    const ref = referenceOf(raw);
    const id = ref.incrementId ?? `entity:${ref.entityId ?? 'unknown'}`;
    const version = { value: ref.updatedAt ?? '', hash: `unmappable:${contentHash(raw)}` };
    const admitted = await deps.versions.admit(
      orderVersionKey(id),
      version,
      { eventId: d.eventId, correlationId: id },
      async () => {
        const at = new Date(deps.now());
        const letter = sourceDeadLetter({
          source: `magento-rest:/V1/orders/${ref.entityId ?? ''}`,
          key: id,
          value: Buffer.from(JSON.stringify(ref)),
          headers: { 'magento-event': d.eventName, 'ingest-source': d.source, 'content-type': 'application/json' },
          error,
          attempts: 1,
          at,
          who: { service: SERVICE, group: SERVICE },
        });
        await deps.deadLetter({
          topic: TOPIC.magentoIngestDlq,
          key: id,
          value: letter.value,
          meta: {
            correlationId: id,
            causationId: d.eventId,
            eventType: 'DeadLetter',
            sourceSystem: 'MAGENTO',
            occurredAt: new Date(d.occurredAt),
          },
          headers: letter.headers,
        });
        log.error({ correlationId: id, err: error, source: d.source }, 'order cannot be mapped; dead-lettered');
        return 'dead-lettered' as const;
      },
    );
    return { outcome: admitted.result ?? skipped(admitted.verdict), incrementId: id };
  }

  /**
   * Before any enrichment: a delivery whose event id is the last one ingested for the order is a repeat, and
   * one whose payload updated_at is older than the known version is stale.
   */
  function prejudge(d: OrderDelivery, id: string): 'duplicate' | 'stale' | undefined {
    const known = deps.versions.known(orderVersionKey(id));
    if (!known) return undefined;
    if (d.eventId === known.eventId) return 'duplicate';
    if (d.ref.updatedAt !== undefined && d.ref.updatedAt < known.value) return 'stale';
    return undefined;
  }

  return {
    unmappable,
    async ingest(d) {
      const id = d.ref.incrementId;
      if (id !== undefined) {
        const early = prejudge(d, id);
        if (early) return { outcome: early, incrementId: id };
      }
      const report = newReport();
      const order = mapOrder(await fullOrder(d), report);
      return ingestOrder(d, order, report.masked);
    },
    ingestOrder,
  };
}
