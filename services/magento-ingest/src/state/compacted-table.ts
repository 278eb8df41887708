// A key → value view of a compacted topic: read from the beginning to the end at start, then kept in
// memory and written through (a set() resolves only when Kafka acknowledged the record).
// NOTE: the runtime has no compacted-topic reader yet; this is the one place in the service that touches
// the KafkaJS client behind KafkaClient. It belongs in the runtime (m3-ion-ingest needs the same).
import { randomUUID } from 'node:crypto';
import type { KafkaClient, Logger, Producer, RecordMeta, ValueSerde } from '@m3mage/runtime';

export interface CompactedTableOptions<V> {
  topic: string;
  client: KafkaClient;
  serde: ValueSerde;
  producer: Producer;
  logger: Logger;
  /** Decoded record value → V (undefined = ignore the record). */
  read(value: unknown): V | undefined;
  /** Give up loading after this long (default 60 s). */
  loadTimeoutMs?: number;
}

export interface CompactedTable<V> {
  readonly topic: string;
  /** Reads the topic from its beginning to its current end. */
  load(): Promise<number>;
  get(key: string): V | undefined;
  /** Writes the value to the topic, then to memory. */
  set(key: string, value: V, encoded: unknown, meta: RecordMeta): Promise<void>;
  size(): number;
}

export function createCompactedTable<V>(opts: CompactedTableOptions<V>): CompactedTable<V> {
  const rows = new Map<string, V>();
  const log = opts.logger.child({ component: 'state', topic: opts.topic });

  async function endOffsets(): Promise<Map<number, bigint>> {
    const admin = opts.client.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(opts.topic);
      return new Map(
        offsets.filter((o) => BigInt(o.high) > BigInt(o.low)).map((o) => [o.partition, BigInt(o.high)] as const),
      );
    } finally {
      await admin.disconnect();
    }
  }

  async function load(): Promise<number> {
    const started = Date.now();
    const remaining = await endOffsets();
    if (remaining.size === 0) return 0;
    // A throw-away group that never commits: it reads everything from the beginning each start.
    const consumer = opts.client.kafka.consumer({ groupId: `state-loader.${opts.topic}.${randomUUID()}` });
    let count = 0;
    try {
      await consumer.connect();
      await consumer.subscribe({ topic: opts.topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`loading ${opts.topic} took longer than ${opts.loadTimeoutMs ?? 60_000} ms`)),
          opts.loadTimeoutMs ?? 60_000,
        );
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ partition, message }) => {
              const key = message.key?.toString();
              if (key !== undefined) {
                if (message.value === null) rows.delete(key);
                else {
                  const v = opts.read(await opts.serde.decode(message.value));
                  if (v !== undefined) rows.set(key, v);
                }
                count += 1;
              }
              const end = remaining.get(partition);
              if (end !== undefined && BigInt(message.offset) + 1n >= end) remaining.delete(partition);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    log.info({ records: count, keys: rows.size, ms: Date.now() - started }, 'state loaded');
    return count;
  }

  return {
    topic: opts.topic,
    load,
    get: (key) => rows.get(key),
    async set(key, value, encoded, meta) {
      await opts.producer.send({ topic: opts.topic, key, value: encoded, meta });
      rows.set(key, value);
    },
    size: () => rows.size,
  };
}
