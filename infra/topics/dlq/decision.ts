// Pure: what one dead letter becomes when replayed — the record to produce back into its original topic,
// or why it is skipped, or that it is stopped (replayed the maximum number of times and failing still).
//
// What is replayed: topic = originalTopic (already namespaced), key = originalKey, value = originalValue
// bytes unchanged, headers = originalHeaders with `attempt` reset to 1 (a fresh retry budget) plus
// x-replayed-from (<dlq topic>:<partition>:<offset>), x-replayed-at and x-replay-count. No partition is
// forced: the runtime producer's default partitioner puts the key where its other records are (also after a
// topic grew partitions).
//
// x-replay-count is how many times the record has been redriven: the count it carried when it failed, plus
// one (a record replayed by an older version of the tool, with x-replayed-from but no count, counts as once).
// The runtime keeps every header that is not its own x-* retry header when it dead-letters a record again
// (services/runtime/src/retry-dlq/dead-letter.ts), so the count is in the new dead letter's originalHeaders
// and headers. A dead letter whose count reached the maximum (default 3) is stopped: "stopped: replayed N
// times, still failing (last error …)" — unless forced.
//
// What is skipped, with the reason: stage `map` (or partition < 0, or an originalTopic that is no Kafka topic
// name): read from a source API such as Magento REST, not from Kafka; the value is a reference, not the
// document — the fix is in the source system and the document's next version flows by itself. An undecodable
// DLQ record, and an original topic that is itself a retry or DLQ topic. A tombstone (originalValue null) IS
// replayed as a tombstone: the consumer received a delete it failed to handle, and replay reproduces it.
import { StandardHeader, type Headers, type RawRecord } from '@m3mage/runtime';
import type { DlqRecord } from './read';

export const ReplayHeader = Object.freeze({
  /** `<dlq topic>:<partition>:<offset>` of the dead letter the record was replayed from. */
  replayedFrom: 'x-replayed-from',
  /** ISO time of the replay. */
  replayedAt: 'x-replayed-at',
  /** How many times the record has been replayed from a DLQ (1 on the first replay). */
  replayCount: 'x-replay-count',
} as const);

export const DEFAULT_MAX_REPLAYS = 3;

/** The policy against a record that keeps failing. */
export interface ReplayLimit {
  /** A dead letter replayed this many times is stopped (default 3). */
  maxReplays?: number;
  /** Replay it anyway. */
  force?: boolean;
}

/** How many times the record that became this dead letter had been replayed. */
export function replayCountOf(headers: Readonly<Record<string, string>>): number {
  const n = Number(headers[ReplayHeader.replayCount]);
  if (Number.isInteger(n) && n > 0) return n;
  return headers[ReplayHeader.replayedFrom] !== undefined ? 1 : 0;
}

export interface ReplayRecord extends RawRecord {
  key: string | null;
}

export type ReplayDecision =
  | { action: 'replay'; record: ReplayRecord }
  /** `detail`: what is particular to this record (the reason is shared, the summary counts by it). */
  | { action: 'skip'; reason: string; detail?: string }
  /** Replayed the maximum number of times and failing still. */
  | { action: 'stop'; reason: string; count: number };

/** Kafka's legal topic names; `magento-rest:/V1/orders/42` is not one. */
const KAFKA_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
const RETRY_OR_DLQ = /\.(retry\.\d+|dlq)$/;

export const dlqCoordinates = (dlqTopic: string, r: Pick<DlqRecord, 'partition' | 'offset'>): string =>
  `${dlqTopic}:${r.partition}:${r.offset}`;

const MESSAGE_CHARS = 120;

/** Pure: what to produce for the dead letter `r` read from `dlqTopic`, or why it is not replayed. */
export function replayDecision(
  dlqTopic: string,
  r: DlqRecord,
  now: () => Date,
  limit: ReplayLimit = {},
): ReplayDecision {
  const l = r.letter;
  if (!l) return { action: 'skip', reason: r.problem ?? 'the dead letter could not be read' };
  if (l.stage === 'map' || l.originalPartition < 0 || !KAFKA_TOPIC.test(l.originalTopic)) {
    return {
      action: 'skip',
      reason:
        `read from ${l.originalTopic} (stage ${l.stage}), not from Kafka: fix it in the source system; ` +
        'its next version flows by itself',
    };
  }
  if (RETRY_OR_DLQ.test(l.originalTopic))
    return { action: 'skip', reason: `original topic ${l.originalTopic} is a retry or dead-letter topic` };
  const count = replayCountOf(l.originalHeaders);
  const max = limit.maxReplays ?? DEFAULT_MAX_REPLAYS;
  if (count >= max && !limit.force) {
    const message = l.errorMessage.replace(/\s+/g, ' ').trim().slice(0, MESSAGE_CHARS);
    const times = `${count} time${count === 1 ? '' : 's'}`;
    return {
      action: 'stop',
      count,
      reason: `stopped: replayed ${times}, still failing (last error ${l.errorCode}: ${message})`,
    };
  }
  const headers: Headers = {
    ...l.originalHeaders,
    [StandardHeader.attempt]: '1',
    [ReplayHeader.replayCount]: String(count + 1),
    [ReplayHeader.replayedFrom]: dlqCoordinates(dlqTopic, r),
    [ReplayHeader.replayedAt]: now().toISOString(),
  };
  return {
    action: 'replay',
    record: { topic: l.originalTopic, key: l.originalKey, value: l.originalValue, headers },
  };
}
