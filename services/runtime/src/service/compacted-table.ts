// A compacted topic as a key → value table in memory: read from the beginning (a private consumer group
// per instance, nothing committed), ready once it caught up with the end offsets seen at start, then kept
// tailing so other instances' writes arrive too. set() writes through Kafka (resolves once acknowledged)
// and applies locally at once. Tombstones delete. An undecodable record is skipped and logged, never fatal.
import { randomUUID } from 'node:crypto';
import type { KafkaClient } from '../kafka/client';
import type { Producer } from '../kafka/producer';
import type { RecordMeta } from '../kafka/headers';
import type { Logger } from '../log/logger';
import type { ValueSerde } from '../serde/types';

export interface CompactedTableOptions<V> {
  client: KafkaClient;
  /** Broker-side topic name (namespaced). */
  topic: string;
  serde: ValueSerde;
  logger: Logger;
  /** Needed by set(); sends to `producerTopic` (the catalogue name when the producer namespaces). */
  producer?: Producer;
  producerTopic?: string;
  /** Decoded value → V; undefined ignores the record. Default: the decoded value as is. */
  accept?: (value: unknown) => V | undefined;
  groupPrefix?: string;
}

export interface CompactedTable<V> {
  /** Resolves when the table holds everything written before start() was called. */
  start(): Promise<void>;
  stop(): Promise<void>;
  get(key: string): V | undefined;
  /** Local only (e.g. a value this instance just learned from an external system). */
  remember(key: string, value: V): void;
  /** Writes `encoded` to the topic under `key`, then holds `value` locally. */
  set(key: string, value: V, encoded: unknown, meta: RecordMeta): Promise<void>;
  /** Writes a tombstone for `key`, then forgets it locally. */
  delete(key: string, meta: RecordMeta): Promise<void>;
  entries(): IterableIterator<[string, V]>;
  ready(): boolean;
  size(): number;
}

export function createCompactedTable<V>(opts: CompactedTableOptions<V>): CompactedTable<V> {
  const rows = new Map<string, V>();
  const log = opts.logger.child({ component: 'compacted-table', topic: opts.topic });
  const kafka = opts.client.kafka;
  const consumer = kafka.consumer({
    groupId: `${opts.groupPrefix ?? 'table'}.${opts.topic}.${randomUUID()}`,
    maxWaitTimeInMs: 250,
  });
  const pending = new Map<number, bigint>(); // partition → last offset to reach
  let isReady = false;
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  const check = (): void => {
    if (!isReady && pending.size === 0) {
      isReady = true;
      log.info({ keys: rows.size }, 'table loaded');
      markReady();
    }
  };

  return {
    async start() {
      const admin = kafka.admin();
      await admin.connect();
      try {
        for (const p of await admin.fetchTopicOffsets(opts.topic)) {
          if (BigInt(p.high) > BigInt(p.low)) pending.set(p.partition, BigInt(p.high) - 1n);
        }
      } finally {
        await admin.disconnect();
      }
      await consumer.connect();
      await consumer.subscribe({ topics: [opts.topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const key = message.key?.toString();
          if (key !== undefined) {
            try {
              const decoded = message.value === null ? null : await opts.serde.decode(message.value);
              const value = decoded === null ? undefined : opts.accept ? opts.accept(decoded) : (decoded as V);
              if (value === undefined) rows.delete(key);
              else rows.set(key, value);
            } catch (err) {
              log.warn({ err, partition, offset: message.offset }, 'undecodable table record skipped');
            }
          }
          const target = pending.get(partition);
          if (target !== undefined && BigInt(message.offset) >= target) {
            pending.delete(partition);
            check();
          }
        },
      });
      check();
      await readyPromise;
    },
    async stop() {
      await consumer.disconnect();
    },
    get: (key) => rows.get(key),
    remember: (key, value) => {
      rows.set(key, value);
    },
    async set(key, value, encoded, meta) {
      if (!opts.producer) throw new Error(`table ${opts.topic} was built without a producer`);
      await opts.producer.send({ topic: opts.producerTopic ?? opts.topic, key, value: encoded, meta });
      rows.set(key, value);
    },
    async delete(key, meta) {
      if (!opts.producer) throw new Error(`table ${opts.topic} was built without a producer`);
      await opts.producer.send({ topic: opts.producerTopic ?? opts.topic, key, value: null, meta });
      rows.delete(key);
    },
    entries: () => rows.entries(),
    ready: () => isReady,
    size: () => rows.size,
  };
}

/** An in-memory table with the same surface, for unit tests of handlers (nothing is written to Kafka). */
export function createMemoryTable<V>(): CompactedTable<V> {
  const rows = new Map<string, V>();
  return {
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    get: (key) => rows.get(key),
    remember: (key, value) => void rows.set(key, value),
    set: (key, value) => {
      rows.set(key, value);
      return Promise.resolve();
    },
    delete: (key) => {
      rows.delete(key);
      return Promise.resolve();
    },
    entries: () => rows.entries(),
    ready: () => true,
    size: () => rows.size,
  };
}
