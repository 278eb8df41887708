// The offsets a time window covers, per partition: from the first record at or after --from to the first at
// or after --to (exclusive), by the broker's time index (admin.fetchTopicOffsetsByTimestamp; a time after the
// last record gives the end offset). Records are selected by offset, as Kafka's own time-based resets do: a
// record whose producer-set timestamp is out of order within a partition goes with its neighbours.
import type { Admin } from 'kafkajs';

export interface PartitionRange {
  partition: number;
  /** First offset in the window. */
  start: bigint;
  /** First offset after it (exclusive); start = end: nothing in the window. */
  end: bigint;
}

export const rangeSize = (r: PartitionRange): bigint => (r.end > r.start ? r.end - r.start : 0n);
export const windowSize = (rs: readonly PartitionRange[]): number => Number(rs.reduce((n, r) => n + rangeSize(r), 0n));

/** Pure: the ranges from the offsets at --from and at --to (each the first offset at or after the time). */
export function rangesOf(
  atFrom: ReadonlyArray<{ partition: number; offset: string }>,
  atTo: ReadonlyArray<{ partition: number; offset: string }>,
): PartitionRange[] {
  const end = new Map(atTo.map((p) => [p.partition, BigInt(p.offset)]));
  return atFrom
    .map((p) => {
      const start = BigInt(p.offset);
      const stop = end.get(p.partition) ?? start;
      return { partition: p.partition, start, end: stop < start ? start : stop };
    })
    .sort((a, b) => a.partition - b.partition);
}

export async function windowRanges(
  admin: Pick<Admin, 'fetchTopicOffsetsByTimestamp'>,
  topic: string,
  from: number,
  to: number,
): Promise<PartitionRange[]> {
  const [atFrom, atTo] = [
    await admin.fetchTopicOffsetsByTimestamp(topic, from),
    await admin.fetchTopicOffsetsByTimestamp(topic, to),
  ];
  return rangesOf(atFrom, atTo);
}
