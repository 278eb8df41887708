// What every MI poller of this service does with a record it read: produce it only when its content changed
// since the last one produced for its key (content hash in the variation table), with a version that is
// always above the last one (M3's own stamp where the reader gives it, else the time it was seen); and
// dead-letter a record that cannot be read, once per content, so a pass goes on and the DLQ is not flooded.
// A change pushed by M3 with its own stamp (the inventory BOD) shares the keys and versions, but arrives late
// or repeated (ION is not FIFO): one older than the last version produced is stale (offerStamped). Per key,
// reading the last version, judging and producing run one at a time, whichever source offers.
import {
  AppError,
  contentHash,
  createKeyedLock,
  sourceDeadLetter,
  type DeadLetter,
  type Logger,
  type Metrics,
  type OutgoingRecord,
} from '@m3mage/runtime';
import type { MiRecord } from '@m3mage/connectors/m3';
import { TOPIC } from '@m3mage/topics/catalogue';
import type { VariationGuard } from './variation-guard';

export type PolledOutcome = 'produced' | 'skipped' | 'dead-lettered';
/** `stale`: stamped before the last version produced for the key. */
export type StampedOutcome = 'produced' | 'skipped' | 'stale';

export interface PolledChangesOptions {
  guard: VariationGuard;
  /** Resolves when Kafka acknowledged. */
  produce: (record: OutgoingRecord) => Promise<unknown>;
  metrics: Pick<Metrics, 'dlqTotal'>;
  now: () => number;
  logger?: Logger;
}

export interface PolledChanges {
  /**
   * `content` (without any stamp) for `key`: unchanged → skipped; else `build(version)` is produced with
   * version = max(stamp ?? seenAt, last version + 1).
   */
  offer(
    key: string,
    content: unknown,
    stamp: number | undefined,
    seenAt: number,
    build: (version: number) => OutgoingRecord,
  ): Promise<PolledOutcome>;
  /**
   * `content` stamped by its source at `stamp` (epoch ms) for `key`: stamped before the last version → stale;
   * unchanged → skipped; else `build(version)` is produced with version = max(stamp, last version + 1).
   */
  offerStamped(
    key: string,
    content: unknown,
    stamp: number,
    build: (version: number) => OutgoingRecord,
  ): Promise<StampedOutcome>;
  /**
   * An MI record that cannot be read → m3-ion-ingest.dlq (record key `dlqKey`, default `key`), once per key
   * and content. `source` names where it was read (default `m3-mi:<reader>`).
   */
  unreadable(
    key: string,
    rec: MiRecord,
    reader: string,
    reason: string,
    dlqKey?: string,
    source?: string,
  ): Promise<PolledOutcome>;
}

export function createPolledChanges(o: PolledChangesOptions): PolledChanges {
  const lock = createKeyedLock();

  /** Produces `build(version)` at max(stamp, last + 1) unless the content is the last one produced. */
  async function offerAt(
    key: string,
    content: unknown,
    stamp: number,
    late: 'raise' | 'stale',
    build: (version: number) => OutgoingRecord,
  ): Promise<StampedOutcome> {
    const hash = contentHash(content);
    const known = o.guard.known(key);
    if (late === 'stale' && known && BigInt(stamp) < known.value) return 'stale';
    if (known?.hash === hash) return 'skipped';
    const floor = known ? Number(known.value) + 1 : 0;
    const version = Math.max(stamp, floor);
    const record = build(version);
    const admitted = await o.guard.admit(
      key,
      { value: BigInt(version), hash },
      { eventId: `mi:${key}:${version}`, correlationId: key },
      () => o.produce(record),
    );
    return admitted.verdict === 'new' || admitted.verdict === 'changed' ? 'produced' : 'skipped';
  }

  return {
    offer: (key, content, stamp, seenAt, build) =>
      lock.run(key, async () => {
        const outcome = await offerAt(key, content, stamp ?? seenAt, 'raise', build);
        return outcome === 'stale' ? 'skipped' : outcome;
      }),

    offerStamped: (key, content, stamp, build) => lock.run(key, () => offerAt(key, content, stamp, 'stale', build)),

    unreadable: (key, rec, reader, reason, dlqKey = key, source = `m3-mi:${reader}`) =>
      lock.run(key, async () => {
        const err = new AppError('MAPPING_UNMAPPABLE', reason, { details: { reader } });
        const hash = `unreadable:${contentHash(rec)}`;
        const known = o.guard.known(key);
        if (known?.hash === hash) return 'skipped';
        const version = known ? known.value : 0n;
        const admitted = await o.guard.admit(
          key,
          { value: version, hash },
          { eventId: `mi:${key}:unreadable`, correlationId: key },
          async () => {
            const letter = sourceDeadLetter({
              source,
              key: dlqKey,
              value: Buffer.from(JSON.stringify(rec)),
              headers: { 'content-type': 'application/json' },
              error: err,
              attempts: 1,
              at: new Date(o.now()),
              who: { service: 'm3-ion-ingest', group: 'm3-ion-ingest' },
            });
            await o.produce({
              topic: TOPIC.m3IonIngestDlq,
              key: dlqKey,
              value: letter.value,
              meta: { correlationId: dlqKey, eventType: 'DeadLetter', sourceSystem: 'M3' },
              headers: letter.headers,
            } satisfies OutgoingRecord<DeadLetter>);
            o.metrics.dlqTotal.inc({ service: 'm3-ion-ingest', topic: reader, code: err.code });
            o.logger?.error({ correlationId: dlqKey, err }, `${reader} record cannot be read; dead-lettered`);
          },
        );
        return admitted.verdict === 'new' || admitted.verdict === 'changed' ? 'dead-lettered' : 'skipped';
      }),
  };
}
