// Reads bounded offset ranges of single partitions — nothing else. A private consumer (unique throwaway group,
// nothing committed, the group deleted afterwards) is assigned exactly the ranges' partitions by its own
// partition assigner, seeks each to the start of its range before the first fetch, and stops when every
// partition reached the end of its range. What it fetched is counted per partition, so a caller (and a test)
// can see that no other partition was read. Used by the timeline (one key's partitions) and the replay (a time
// window of a topic).
import { randomBytes } from 'node:crypto';
import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';
import { decodeHeaders, type Headers, type KafkaClient } from '@m3mage/runtime';

export interface PartitionRange {
  /** Broker-side topic name. */
  topic: string;
  partition: number;
  /** First offset to read. */
  start: bigint;
  /** The offset after the last one to read (start < end). */
  end: bigint;
}

export interface FetchedRecord {
  topic: string;
  partition: number;
  offset: string;
  /** Record timestamp, epoch ms. */
  timestamp: number;
  key: string | null;
  value: Buffer | null;
  headers: Headers;
}

export interface RangeRead {
  /** The records of the ranges `keep` kept (all by default), by topic, partition and offset. */
  records: FetchedRecord[];
  /** Every record the broker delivered, per `topic:partition` (records `keep` left out included). */
  fetched: Map<string, number>;
}

export const partitionId = (topic: string, partition: number): string => `${topic}:${partition}`;

/** Assigns the one member exactly the ranges' partitions (the group is this reader's alone). */
function onlyThese(ranges: readonly PartitionRange[]): PartitionAssigner {
  const assignment: Record<string, number[]> = {};
  for (const r of ranges) (assignment[r.topic] ??= []).push(r.partition);
  return () => ({
    name: 'RangeReaderAssigner',
    version: 0,
    async assign({ members }) {
      return members.slice(0, 1).map(({ memberId }) => ({
        memberId,
        memberAssignment: AssignerProtocol.MemberAssignment.encode({
          version: 0,
          assignment,
          userData: Buffer.alloc(0),
        }),
      }));
    },
    protocol: ({ topics }) => ({
      name: 'RangeReaderAssigner',
      metadata: AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) }),
    }),
  });
}

export interface ReadRangesOptions {
  /** Which records to keep, by key (default: every record). */
  keep?: (key: string | null) => boolean;
  timeoutMs?: number;
  /** Prefix of the throwaway group id (whose tool read). */
  groupPrefix?: string;
}

export async function readRanges(
  client: KafkaClient,
  ranges: readonly PartitionRange[],
  opts: ReadRangesOptions = {},
): Promise<RangeRead> {
  const keep = opts.keep ?? (() => true);
  const fetched = new Map<string, number>();
  const todo = ranges.filter((r) => r.start < r.end);
  if (todo.length === 0) return { records: [], fetched };
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const endOf = new Map(todo.map((r) => [partitionId(r.topic, r.partition), r.end]));
  const pending = new Set(endOf.keys());
  const kept = new Map<string, FetchedRecord>();

  const groupId = `${opts.groupPrefix ?? 'range-reader'}.${Date.now().toString(36)}.${randomBytes(4).toString('hex')}`;
  const consumer = client.kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 100,
    partitionAssigners: [onlyThese(todo)],
  });
  let finished: () => void = () => undefined;
  let failed: (err: Error) => void = () => undefined;
  const outcome = new Promise<void>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  const reached = (id: string, lastOffset: string): void => {
    const end = endOf.get(id);
    if (end !== undefined && BigInt(lastOffset) >= end - 1n) pending.delete(id);
    if (pending.size === 0) finished();
  };
  consumer.on(consumer.events.END_BATCH_PROCESS, (e) =>
    reached(partitionId(e.payload.topic, e.payload.partition), e.payload.lastOffset),
  );
  consumer.on(consumer.events.CRASH, (e) => {
    if (!e.payload.restart) failed(new Error(`reading failed: ${e.payload.error.message}`));
  });
  const timer = setTimeout(() => {
    failed(new Error(`timed out after ${timeoutMs / 1000} s; not read to the end yet: ${[...pending].join(', ')}`));
  }, timeoutMs);

  try {
    await consumer.connect();
    await consumer.subscribe({ topics: [...new Set(todo.map((r) => r.topic))], fromBeginning: false });
    const running = consumer.run({
      autoCommit: false,
      eachMessage: async ({ topic, partition, message }) => {
        const id = partitionId(topic, partition);
        fetched.set(id, (fetched.get(id) ?? 0) + 1);
        const end = endOf.get(id);
        const key = message.key?.toString() ?? null;
        if (end === undefined || BigInt(message.offset) >= end || !keep(key)) return;
        kept.set(`${id}:${message.offset}`, {
          topic,
          partition,
          offset: message.offset,
          timestamp: Number(message.timestamp),
          key,
          value: message.value,
          headers: decodeHeaders(message.headers),
        });
      },
    });
    // run() creates the consumer group before its first await: the seeks are applied at the first fetch.
    for (const r of todo) consumer.seek({ topic: r.topic, partition: r.partition, offset: r.start.toString() });
    running.catch(failed);
    await outcome;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    await deleteGroup(client, groupId);
  }
  const records = [...kept.values()].sort(
    (a, b) =>
      a.topic.localeCompare(b.topic) || a.partition - b.partition || (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1),
  );
  return { records, fetched };
}

/** The throwaway group committed nothing; deleting it leaves no trace on the broker (best effort). */
async function deleteGroup(client: KafkaClient, groupId: string): Promise<void> {
  const admin = client.kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // the broker removes an empty group without offsets by itself
  } finally {
    await admin.disconnect();
  }
}
