// A compacted topic read into memory: every partition from the beginning (a private consumer group per
// instance, nothing committed), ready once it has caught up with the end offsets seen at start, then kept
// tailing so other instances' writes arrive too. Local writes are applied at once (write-through).
// NOTE: generic; m3-writer carries the same file. It belongs in the runtime (reported).
import { randomUUID } from 'node:crypto';
import type { KafkaClient, Logger, ValueSerde } from '@m3mage/runtime';

export interface CompactedTable<V> {
  /** Resolves when the table holds everything written before start() was called. */
  start(): Promise<void>;
  stop(): Promise<void>;
  get(key: string): V | undefined;
  set(key: string, value: V): void;
  ready(): boolean;
  size(): number;
}

export interface CompactedTableOptions<V> {
  client: KafkaClient;
  topic: string;
  serde: ValueSerde;
  logger: Logger;
  /** Prefix of the private consumer group id (a random suffix is added). */
  groupPrefix: string;
  /** Turns a decoded value into V; return undefined to ignore it. */
  accept?: (value: unknown) => V | undefined;
}

export function createCompactedTable<V>(opts: CompactedTableOptions<V>): CompactedTable<V> {
  const rows = new Map<string, V>();
  const log = opts.logger.child({ component: 'compacted-table', topic: opts.topic });
  const kafka = opts.client.kafka;
  const consumer = kafka.consumer({ groupId: `${opts.groupPrefix}.${randomUUID()}`, maxWaitTimeInMs: 250 });
  const pending = new Map<number, bigint>(); // partition → last offset to reach
  let isReady = false;
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  const check = (): void => {
    if (!isReady && pending.size === 0) {
      isReady = true;
      log.info({ rows: rows.size }, 'table loaded');
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
    set: (key, value) => {
      rows.set(key, value);
    },
    ready: () => isReady,
    size: () => rows.size,
  };
}
