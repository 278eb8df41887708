// The ingest pipeline shared by every channel and every entity of the registry: pre-check (event id, stale
// updated_at) → the full record (the entity reads it: from the payload when complete, else Magento REST) → map
// → the runtime's version guard (per record key, one at a time: newest updated_at wins, the content hash tells
// changes within one second apart and recognises a repeat) → produce the change event, await Kafka's ack,
// record the version (also acked). Errors propagate so the caller answers the sender with a retryable status.
// A delete (the record is gone from REST) produces op d with the payload's record as `before`, then a tombstone,
// so personal data does not outlive the record on a compacted topic; a repeated delete is a duplicate.
// A record read in full that cannot be mapped (the poller's case) is dead-lettered to magento-ingest.dlq:
// a reference to the record (no copy of it) with the reason, once per version of the record.
// Card numbers in free text were masked by the mapping; each one in a produced record is counted.
// Logs carry ids only: never a record's e-mail, names or addresses.
import {
  AppError,
  classify,
  contentHash,
  sourceDeadLetter,
  type DeadLetter,
  type Logger,
  type Metrics,
  type OutgoingRecord,
  type Verdict,
} from '@m3mage/runtime';
import type { Op } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';
import type { Entity } from '../entities/entity';
import { magentoTime, newReport } from '../mappings/values';
import { versionKey, type Versions } from '../state/stores';
import type { ChangeValue, Delivery, IngestResult, ProduceChange } from './delivery';

const SERVICE = 'magento-ingest';

/** The version hash of a delete: a repeated delete is a duplicate, a delete after a change is a change. */
const DELETED = 'deleted';

export interface IngestDeps {
  versions: Versions;
  /** Resolves when Kafka acknowledged the record (Producer.send). */
  produce: ProduceChange;
  /** Sends to magento-ingest.dlq; resolves when Kafka acknowledged. */
  deadLetter: (record: OutgoingRecord<DeadLetter>) => Promise<unknown>;
  now: () => number;
  logger: Logger;
  metrics: Pick<Metrics, 'cardNumbersMasked'>;
}

export interface Ingest {
  ingest(d: Delivery): Promise<IngestResult>;
  /** Ingests a record already read in full and mapped (the poller); `masked`: the mapping's masked fields. */
  ingestRecord(d: Delivery, record: object, masked: readonly string[]): Promise<IngestResult>;
  /** Dead-letters a record read in full that cannot be mapped; once per version of the record. */
  unmappable(d: Delivery, raw: unknown, error: AppError): Promise<IngestResult>;
}

/** A version the guard did not admit: an older one is stale, the same one a duplicate. */
const skipped = (verdict: Verdict): 'duplicate' | 'stale' => (verdict === 'stale' ? 'stale' : 'duplicate');

export function createIngest(deps: IngestDeps): Ingest {
  const log = deps.logger.child({ component: 'ingest' });

  async function produce(d: Delivery, key: string, value: ChangeValue | null): Promise<void> {
    await deps.produce({
      topic: d.entity.topic,
      key,
      value,
      meta: {
        correlationId: key,
        causationId: d.eventId,
        eventType: d.entity.eventType,
        sourceSystem: 'MAGENTO',
        occurredAt: new Date(d.occurredAt),
      },
      headers: { 'magento-event': d.eventName, 'ingest-source': d.source },
    });
  }

  const context = (d: Delivery, op: Op) => ({
    op,
    eventId: d.eventId,
    occurredAt: d.occurredAt,
    receivedAt: d.receivedAt,
    now: deps.now(),
  });

  async function ingestRecord(d: Delivery, record: object, masked: readonly string[]): Promise<IngestResult> {
    const { entity } = d;
    const key = entity.key(record);
    const updatedAt = entity.version(record);
    const admitted = await deps.versions.admit(
      versionKey(entity.name, key),
      { value: updatedAt, hash: contentHash(record) },
      { eventId: d.eventId, correlationId: key },
      async (verdict) => {
        const op = verdict === 'new' ? 'c' : 'u';
        await produce(d, key, entity.change({ before: null, after: record }, key, updatedAt, context(d, op)));
        for (const field of masked) deps.metrics.cardNumbersMasked.inc({ service: SERVICE, field });
        if (masked.length > 0) log.warn({ correlationId: key, fields: [...new Set(masked)] }, 'card numbers masked');
        log.debug({ correlationId: key, op, version: updatedAt, source: d.source }, `${entity.name} change produced`);
        return op;
      },
    );
    const result = { key, answerKey: entity.answerKey };
    if (admitted.result === undefined) return { outcome: skipped(admitted.verdict), ...result };
    return { outcome: 'produced', ...result, op: admitted.result, version: updatedAt };
  }

  /**
   * A delete: op d with the payload's record as `before` (null when the payload does not map), then a tombstone.
   * Its version is the newest known updated_at (or the payload's, or the time received) with the hash
   * `deleted`, so it follows every change of the record and a repeat of it is a duplicate.
   */
  async function remove(d: Delivery): Promise<IngestResult> {
    const { entity } = d;
    const key = d.ref.key;
    if (key === undefined) throw new AppError('MAGENTO_NOT_FOUND', `a ${entity.name} delete without its id`);
    const vkey = versionKey(entity.name, key);
    const known = deps.versions.known(vkey)?.value ?? '';
    const payloadVersion = d.ref.updatedAt ?? '';
    const version = (payloadVersion > known ? payloadVersion : known) || magentoTime(d.receivedAt);
    const report = newReport();
    let before: object | null = null;
    try {
      before = d.payload ? entity.map(d.payload, report) : null;
    } catch (e) {
      const err = classify(e);
      if (err.code !== 'MAPPING_UNMAPPABLE') throw err;
      log.warn({ correlationId: key, field: err.details?.field }, `${entity.name} delete without a complete record`);
    }
    const admitted = await deps.versions.admit(
      vkey,
      { value: version, hash: DELETED },
      { eventId: d.eventId, correlationId: key },
      async () => {
        await produce(d, key, entity.change({ before, after: null }, key, version, context(d, 'd')));
        await produce(d, key, null);
        log.debug({ correlationId: key, version, source: d.source }, `${entity.name} delete produced`);
        return 'd' as const;
      },
    );
    const result = { key, answerKey: entity.answerKey };
    if (admitted.result === undefined) return { outcome: skipped(admitted.verdict), ...result };
    return { outcome: 'produced', ...result, op: 'd', version };
  }

  async function unmappable(d: Delivery, raw: unknown, error: AppError): Promise<IngestResult> {
    const { entity } = d;
    const ref = entity.reference(raw);
    const admitted = await deps.versions.admit(
      versionKey(entity.name, ref.key),
      { value: ref.updatedAt ?? '', hash: `unmappable:${contentHash(raw)}` },
      { eventId: d.eventId, correlationId: ref.key },
      async () => {
        const letter = sourceDeadLetter({
          source: `magento-rest:${entity.restPath}/${ref.restId ?? ''}`,
          key: ref.key,
          value: Buffer.from(JSON.stringify(ref.body)),
          headers: { 'magento-event': d.eventName, 'ingest-source': d.source, 'content-type': 'application/json' },
          error,
          attempts: 1,
          at: new Date(deps.now()),
          who: { service: SERVICE, group: SERVICE },
        });
        await deps.deadLetter({
          topic: TOPIC.magentoIngestDlq,
          key: ref.key,
          value: letter.value,
          meta: {
            correlationId: ref.key,
            causationId: d.eventId,
            eventType: 'DeadLetter',
            sourceSystem: 'MAGENTO',
            occurredAt: new Date(d.occurredAt),
          },
          headers: letter.headers,
        });
        log.error(
          { correlationId: ref.key, err: error, source: d.source },
          `${entity.name} cannot be mapped; dead-lettered`,
        );
        return 'dead-lettered' as const;
      },
    );
    return { outcome: admitted.result ?? skipped(admitted.verdict), key: ref.key, answerKey: entity.answerKey };
  }

  /**
   * Before any enrichment: a delivery whose event id is the last one ingested for the record is a repeat, and
   * a change whose payload updated_at is older than the known version is stale (a delete never is: it is final).
   */
  function prejudge(d: Delivery, entity: Entity, key: string): 'duplicate' | 'stale' | undefined {
    const known = deps.versions.known(versionKey(entity.name, key));
    if (!known) return undefined;
    if (d.eventId === known.eventId) return 'duplicate';
    if (d.kind === 'change' && d.ref.updatedAt !== undefined && d.ref.updatedAt < known.value) return 'stale';
    return undefined;
  }

  return {
    unmappable,
    async ingest(d) {
      const { entity } = d;
      const key = d.ref.key;
      if (key !== undefined) {
        const early = prejudge(d, entity, key);
        if (early) return { outcome: early, key, answerKey: entity.answerKey };
      }
      if (d.kind === 'delete') return remove(d);
      const report = newReport();
      const record = entity.map(await entity.read(d.ref, d.payload), report);
      return ingestRecord(d, record, report.masked);
    },
    ingestRecord,
  };
}
