// How many bytes one record batch of a topic may have (the topic's max.message.bytes), read once per topic
// with describeConfigs and cached; the broker default when the topic cannot be described. The producer
// keeps its batches under it, so the broker never refuses a batch for its size (a refused multi-partition
// request leaves the partitions that were appended written: sending them again would duplicate them).
import kafkajs, { type Admin, type Message } from 'kafkajs';
import type { KafkaClient } from './client';

// kafkajs is CommonJS; its enum is not visible as a named ESM export.
const { ConfigResourceTypes } = kafkajs;

/** Kafka's default max.message.bytes (broker message.max.bytes). */
export const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
/** Bytes of a record batch header (magic v2). */
export const BATCH_OVERHEAD_BYTES = 61;

export interface TopicLimits {
  /** The largest record batch the topic accepts, in bytes. */
  maxBatchBytes(topic: string): Promise<number>;
  close(): Promise<void>;
}

const byteLen = (v: Buffer | string | null | undefined): number =>
  v === null || v === undefined ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length;

/**
 * An upper bound of the bytes a record takes in a v2 record batch (varints counted at their widest).
 * Called for every record: no allocation (an earlier version with Object.entries cost a third of the
 * producer's throughput in `npm run bench`, through garbage collection).
 */
export function recordBytes(m: Pick<Message, 'key' | 'value' | 'headers'>): number {
  let bytes = 25 + byteLen(m.key) + byteLen(m.value);
  const headers = m.headers;
  if (headers) {
    for (const name in headers) {
      const value = headers[name];
      if (Array.isArray(value)) for (const v of value) bytes += 10 + byteLen(name) + byteLen(v);
      else bytes += 10 + byteLen(name) + byteLen(value);
    }
  }
  return bytes;
}

export function createTopicLimits(client: KafkaClient, fallback = DEFAULT_MAX_MESSAGE_BYTES): TopicLimits {
  const cache = new Map<string, Promise<number>>();
  let admin: Promise<Admin> | undefined;
  const connected = (): Promise<Admin> => {
    admin ??= (async () => {
      const a = client.kafka.admin();
      await a.connect();
      return a;
    })();
    return admin;
  };
  const describe = async (topic: string): Promise<number> => {
    try {
      const a = await connected();
      const res = await a.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['max.message.bytes'] }],
      });
      const value = Number(
        res.resources[0]?.configEntries.find((e) => e.configName === 'max.message.bytes')?.configValue,
      );
      return Number.isFinite(value) && value > 0 ? value : fallback;
    } catch {
      cache.delete(topic); // asked again next time (e.g. the broker was away)
      return fallback;
    }
  };
  return {
    maxBatchBytes(topic) {
      let limit = cache.get(topic);
      if (!limit) cache.set(topic, (limit = describe(topic)));
      return limit;
    },
    async close() {
      const a = admin;
      admin = undefined;
      if (a) await (await a.catch(() => undefined))?.disconnect();
    },
  };
}
