// Pure: the record a live replay produces for a record read from the window — same topic, key, value bytes
// and headers, plus where it was replayed from and when. No partition is forced: the runtime producer's
// partitioner puts the key where its other records are.
import type { RawRecord } from '@m3mage/runtime';
import type { TopicRecord } from './read';

export const ReplayHeader = Object.freeze({
  /** `<topic>/<partition>/<offset>` (broker-side topic name) of the record re-produced. */
  replayOf: 'x-replay-of',
  /** ISO time of the replay. */
  replayedAt: 'x-replayed-at',
} as const);

export const replayOf = (topic: string, r: Pick<TopicRecord, 'partition' | 'offset'>): string =>
  `${topic}/${r.partition}/${r.offset}`;

export function replayRecord(topic: string, r: TopicRecord, now: () => Date): RawRecord {
  return {
    topic,
    key: r.key,
    value: r.value,
    headers: {
      ...r.headers,
      [ReplayHeader.replayOf]: replayOf(topic, r),
      [ReplayHeader.replayedAt]: now().toISOString(),
    },
  };
}

/** Why a record of the window is not replayed, or undefined when it is. */
export function skipReason(r: TopicRecord, keys: readonly string[] | undefined): 'other-key' | 'a-replay' | undefined {
  if (keys && (r.key === null || !keys.includes(r.key))) return 'other-key';
  if (r.headers[ReplayHeader.replayOf] !== undefined) return 'a-replay';
  return undefined;
}
