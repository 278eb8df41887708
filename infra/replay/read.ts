// Reads the records of a topic in given offset ranges, bytes untouched: a private consumer (throwaway group,
// nothing committed, the group deleted afterwards) seeks each partition to the start of its range and stops
// once every partition reached the end of its range. A record delivered twice (after a rebalance) is kept once.
import { randomBytes } from 'node:crypto';
import { decodeHeaders, type Headers, type KafkaClient } from '@m3mage/runtime';
import type { PartitionRange } from './window';

export interface TopicRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Headers;
  /** The record's timestamp, epoch ms. */
  timestamp: number;
}

export interface ReadRangeOptions {
  timeoutMs?: number;
}

/** Every record of the ranges, ordered by partition, then offset. */
export async function readRanges(
  client: KafkaClient,
  topic: string,
  ranges: readonly PartitionRange[],
  opts: ReadRangeOptions = {},
): Promise<TopicRecord[]> {
  const wanted = ranges.filter((r) => r.end > r.start);
  if (wanted.length === 0) return [];
  const byPartition = new Map(wanted.map((r) => [r.partition, r]));
  const pending = new Set(byPartition.keys());
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const groupId = `replay-reader.${Date.now().toString(36)}.${randomBytes(4).toString('hex')}`;
  const consumer = client.kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  const seen = new Map<string, TopicRecord>();
  let finished: () => void = () => undefined;
  let failed: (err: Error) => void = () => undefined;
  const outcome = new Promise<void>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  const reached = (partition: number, offset: string): void => {
    const r = byPartition.get(partition);
    if (r && BigInt(offset) >= r.end - 1n) pending.delete(partition);
    if (pending.size === 0) finished();
  };
  consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
    if (e.payload.topic === topic) reached(e.payload.partition, e.payload.lastOffset);
  });
  consumer.on(consumer.events.CRASH, (e) => {
    if (!e.payload.restart) failed(new Error(`reading ${topic} failed: ${e.payload.error.message}`));
  });
  const timer = setTimeout(() => {
    const left = [...pending].map((p) => `partition ${p} up to offset ${byPartition.get(p)?.end}`).join(', ');
    failed(new Error(`timed out after ${timeoutMs / 1000} s reading ${topic}; not read yet: ${left}`));
  }, timeoutMs);
  try {
    const reading = (async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const r = byPartition.get(partition);
          const at = BigInt(message.offset);
          if (!r || at < r.start || at >= r.end) return;
          seen.set(`${partition}:${message.offset}`, {
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value,
            headers: decodeHeaders(message.headers),
            timestamp: Number(message.timestamp),
          });
        },
      });
      for (const r of ranges) consumer.seek({ topic, partition: r.partition, offset: String(r.start) });
    })();
    reading.catch(failed);
    await outcome;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    await deleteGroup(client, groupId);
  }
  return [...seen.values()].sort((a, b) => a.partition - b.partition || (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1));
}

async function deleteGroup(client: KafkaClient, groupId: string): Promise<void> {
  const admin = client.kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // an empty group without offsets is removed by the broker itself
  } finally {
    await admin.disconnect();
  }
}
