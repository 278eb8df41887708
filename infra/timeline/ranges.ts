// Where a key's records of a time window are: per searched topic, the one partition the producer put the key
// in and the offsets the window spans there (the first offset at or after `from`, the first after `to`), as
// the broker answers them (ListOffsets by timestamp). Topics missing on the broker are listed, not read.
import type { Admin } from 'kafkajs';
import { partitionFor } from './partition';
import type { PartitionRange } from '../topics/read-ranges';
import type { SearchedTopic } from './sources';

export interface KeyRange extends PartitionRange {
  key: string;
  searched: SearchedTopic;
}

export interface KeyRanges {
  ranges: KeyRange[];
  /** Broker-side names of the searched topics that do not exist. */
  missing: string[];
}

const offsetAt = async (admin: Admin, topic: string, partition: number, ms: number): Promise<bigint> => {
  const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, ms);
  const found = offsets.find((o) => o.partition === partition);
  if (!found) throw new Error(`${topic} has no partition ${partition}`);
  return BigInt(found.offset);
};

export async function keyRanges(
  admin: Admin,
  key: string,
  searched: readonly SearchedTopic[],
  window: { namespace: string; fromMs: number; toMs: number },
): Promise<KeyRanges> {
  const existing = new Set(await admin.listTopics());
  const present = searched.filter((t) => existing.has(`${window.namespace}${t.name}`));
  const missing = searched.filter((t) => !present.includes(t)).map((t) => `${window.namespace}${t.name}`);
  if (present.length === 0) return { ranges: [], missing };
  const meta = await admin.fetchTopicMetadata({ topics: present.map((t) => `${window.namespace}${t.name}`) });
  const counts = new Map(meta.topics.map((t) => [t.name, t.partitions.length]));
  const ranges = await Promise.all(
    present.map(async (t): Promise<KeyRange> => {
      const topic = `${window.namespace}${t.name}`;
      const partition = partitionFor(key, counts.get(topic) ?? 1);
      const start = await offsetAt(admin, topic, partition, window.fromMs);
      const end = await offsetAt(admin, topic, partition, window.toMs + 1);
      return { key, searched: t, topic, partition, start, end };
    }),
  );
  return { ranges, missing };
}
