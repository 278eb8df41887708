// Reads the records of one topic in given offset ranges, bytes untouched, with the shared range reader
// (infra/topics/read-ranges.ts: a throwaway group seeking each partition to its range, nothing committed).
import type { KafkaClient } from '@m3mage/runtime';
import { readRanges as readPartitionRanges, type FetchedRecord } from '../topics/read-ranges';
import type { PartitionRange } from './window';

export type TopicRecord = Omit<FetchedRecord, 'topic'>;

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
  const { records } = await readPartitionRanges(
    client,
    ranges.map((r) => ({ topic, partition: r.partition, start: r.start, end: r.end })),
    { groupPrefix: 'replay-reader', ...opts },
  );
  return records.map(({ topic: _topic, ...r }) => r);
}
