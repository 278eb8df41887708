// Replaying dead letters: the pure mapping of a dead letter to the record to produce back into its
// original topic (or the reason it cannot be), and replay(), which produces the selected ones in DLQ order
// with the runtime producer and reports what it did. The dead letters stay in the DLQ (Kafka is append-only):
// replaying one twice produces it twice.
//
// What is replayed: topic = originalTopic (already namespaced), key = originalKey, value = originalValue
// bytes unchanged, headers = originalHeaders with `attempt` reset to 1 (a fresh retry budget) plus
// x-replayed-from (<dlq topic>:<partition>:<offset>) and x-replayed-at. No partition is forced: the
// runtime producer's default partitioner puts the key where its other records are (also after a topic
// grew partitions).
//
// What is skipped, with the reason:
// - stage `map` (or partition < 0, or an originalTopic that is no Kafka topic name): read from a source
//   API such as Magento REST, not from Kafka; the value is a reference, not the document. The fix is in
//   the source system; the document's next version flows by itself.
// - an undecodable DLQ record, an original topic that is itself a retry or DLQ topic, and (in replay())
//   an original topic that does not exist on the broker (producing would let the broker create it).
// A tombstone (originalValue null) IS replayed as a tombstone: the consumer received a delete it failed
// to handle, and replay reproduces exactly that record.
import { StandardHeader, type Delivery, type Headers, type Producer, type RawRecord } from '@m3mage/runtime';
import type { DlqRecord } from './read';

export const ReplayHeader = Object.freeze({
  /** `<dlq topic>:<partition>:<offset>` of the dead letter the record was replayed from. */
  replayedFrom: 'x-replayed-from',
  /** ISO time of the replay. */
  replayedAt: 'x-replayed-at',
} as const);

export interface ReplayRecord extends RawRecord {
  key: string | null;
}

export type ReplayDecision = { action: 'replay'; record: ReplayRecord } | { action: 'skip'; reason: string };

/** Kafka's legal topic names; `magento-rest:/V1/orders/42` is not one. */
const KAFKA_TOPIC = /^[a-zA-Z0-9._-]{1,249}$/;
const RETRY_OR_DLQ = /\.(retry\.\d+|dlq)$/;

export const dlqCoordinates = (dlqTopic: string, r: Pick<DlqRecord, 'partition' | 'offset'>): string =>
  `${dlqTopic}:${r.partition}:${r.offset}`;

/** Pure: what to produce for the dead letter `r` read from `dlqTopic`, or why it is not replayed. */
export function replayDecision(dlqTopic: string, r: DlqRecord, now: () => Date): ReplayDecision {
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
  const headers: Headers = {
    ...l.originalHeaders,
    [StandardHeader.attempt]: '1',
    [ReplayHeader.replayedFrom]: dlqCoordinates(dlqTopic, r),
    [ReplayHeader.replayedAt]: now().toISOString(),
  };
  return {
    action: 'replay',
    record: { topic: l.originalTopic, key: l.originalKey, value: l.originalValue, headers },
  };
}

export interface ReplayEntry {
  /** Where the dead letter is: `<dlq topic>:<partition>:<offset>`. */
  from: string;
  key: string | null;
}

export interface Replayed extends ReplayEntry {
  record: ReplayRecord;
  /** Where it was written; undefined in a dry run. */
  delivery?: Delivery;
}

export interface Skipped extends ReplayEntry {
  reason: string;
}

export interface ReplayReport {
  dlqTopic: string;
  dryRun: boolean;
  replayed: Replayed[];
  skipped: Skipped[];
  /** Records the producer could not write (the rest were written). */
  failed: Skipped[];
}

export interface ReplayOptions {
  /** Only report what would be produced. */
  dryRun?: boolean;
  /** Injected clock for x-replayed-at (default: the system clock). */
  now?: () => Date;
  /** Whether a topic exists on the broker; records for other topics are skipped (default: all exist). */
  topicExists?: (topic: string) => boolean;
}

/** Pure: the decision for each selected dead letter, in DLQ order, with the topic check applied. */
export function planReplay(
  dlqTopic: string,
  selected: readonly DlqRecord[],
  opts: Pick<ReplayOptions, 'now' | 'topicExists'> = {},
): { entry: ReplayEntry; decision: ReplayDecision }[] {
  const now = opts.now ?? (() => new Date());
  return [...selected].sort(byPosition).map((r) => {
    const entry: ReplayEntry = { from: dlqCoordinates(dlqTopic, r), key: r.key ?? r.letter?.originalKey ?? null };
    const decision = replayDecision(dlqTopic, r, now);
    if (decision.action === 'replay' && opts.topicExists && !opts.topicExists(decision.record.topic)) {
      const reason = `topic ${decision.record.topic} does not exist on the broker`;
      return { entry, decision: { action: 'skip', reason } };
    }
    return { entry, decision };
  });
}

/** Produces the replayable ones of `selected` (in DLQ order, so one key's records keep their order). */
export async function replay(
  producer: Pick<Producer, 'sendRaw'>,
  dlqTopic: string,
  selected: readonly DlqRecord[],
  opts: ReplayOptions = {},
): Promise<ReplayReport> {
  const report: ReplayReport = { dlqTopic, dryRun: opts.dryRun ?? false, replayed: [], skipped: [], failed: [] };
  const sends: Promise<void>[] = [];
  for (const { entry, decision } of planReplay(dlqTopic, selected, opts)) {
    if (decision.action === 'skip') {
      report.skipped.push({ ...entry, reason: decision.reason });
      continue;
    }
    const done: Replayed = { ...entry, record: decision.record };
    report.replayed.push(done);
    if (report.dryRun) continue;
    // Queued in order without awaiting each: the producer batches them and keeps their order.
    sends.push(
      producer.sendRaw(decision.record).then(
        (delivery) => void (done.delivery = delivery),
        (err: unknown) => {
          report.replayed.splice(report.replayed.indexOf(done), 1);
          report.failed.push({ ...entry, reason: err instanceof Error ? err.message : String(err) });
        },
      ),
    );
  }
  await Promise.all(sends);
  return report;
}

function byPosition(a: DlqRecord, b: DlqRecord): number {
  if (a.partition !== b.partition) return a.partition - b.partition;
  const x = BigInt(a.offset);
  const y = BigInt(b.offset);
  return x < y ? -1 : x > y ? 1 : 0;
}
