// Reads a dead-letter topic from the beginning up to the high watermarks at the time of the call, and
// decodes each value as a DeadLetter. A private consumer (unique throwaway group, nothing committed,
// the group deleted afterwards) reads; it stops when every partition reached the watermark it had when
// reading began, so records dead-lettered meanwhile are left for the next call.
import { randomBytes } from 'node:crypto';
import { decodeHeaders, type DeadLetter, type Headers, type KafkaClient, type ValueSerde } from '@m3mage/runtime';

export interface DlqRecord {
  /** Coordinates in the DLQ topic. */
  partition: number;
  offset: string;
  /** The DLQ record's key (the original key). */
  key: string | null;
  headers: Headers;
  /** The decoded dead letter; undefined when the value could not be decoded (see `problem`). */
  letter: DeadLetter | undefined;
  problem?: string;
}

export interface ReadOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
}

export class DlqTopicMissingError extends Error {
  constructor(readonly topic: string) {
    super(`topic ${topic} does not exist (run \`npm run topics:apply\` with the same KAFKA_NAMESPACE)`);
    this.name = 'DlqTopicMissingError';
  }
}

/** Every record of `topic` up to the current high watermarks, ordered by partition, then offset. */
export async function readDeadLetters(
  client: KafkaClient,
  serde: Pick<ValueSerde, 'decode'>,
  topic: string,
  opts: ReadOptions = {},
): Promise<DlqRecord[]> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const ends = await highWatermarks(client, topic);
  /** The last offset to read per partition with records, and the partitions not read to it yet. */
  const lastOf = new Map<number, bigint>();
  for (const [partition, range] of ends) if (range.high > range.low) lastOf.set(partition, range.high - 1n);
  const pending = new Set(lastOf.keys());
  if (pending.size === 0) return [];

  const groupId = `dlq-reader.${Date.now().toString(36)}.${randomBytes(4).toString('hex')}`;
  const consumer = client.kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 250 });
  /** By `partition:offset`: a record delivered twice (after a rebalance) is kept once. */
  const raw = new Map<string, RawRecord>();
  let finished: () => void = () => undefined;
  let failed: (err: Error) => void = () => undefined;
  const outcome = new Promise<void>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  const reached = (partition: number, offset: string): void => {
    const last = lastOf.get(partition);
    if (last !== undefined && BigInt(offset) >= last) pending.delete(partition);
    if (pending.size === 0) finished();
  };
  // After each fetched batch, also one of only control records (which eachMessage never sees).
  consumer.on(consumer.events.END_BATCH_PROCESS, (e) => {
    if (e.payload.topic === topic) reached(e.payload.partition, e.payload.lastOffset);
  });
  consumer.on(consumer.events.CRASH, (e) => {
    if (!e.payload.restart) failed(new Error(`reading ${topic} failed: ${e.payload.error.message}`));
  });
  const timer = setTimeout(() => {
    const left = [...pending].map((p) => `partition ${p} up to offset ${lastOf.get(p)}`).join(', ');
    failed(new Error(`timed out after ${timeoutMs / 1000} s reading ${topic}; not read yet: ${left}`));
  }, timeoutMs);

  try {
    const reading = (async () => {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const last = lastOf.get(partition);
          if (last === undefined || BigInt(message.offset) > last) return; // written after the call began
          raw.set(`${partition}:${message.offset}`, {
            partition,
            offset: message.offset,
            key: message.key,
            value: message.value,
            headers: decodeHeaders(message.headers),
          });
        },
      });
    })();
    reading.catch(failed);
    await outcome;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
    await deleteGroup(client, groupId);
  }

  const records = [...raw.values()].sort(
    (a, b) => a.partition - b.partition || (BigInt(a.offset) < BigInt(b.offset) ? -1 : 1),
  );
  return Promise.all(records.map((r) => decodeRecord(serde, r)));
}

interface RawRecord {
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Headers;
}
async function decodeRecord(serde: Pick<ValueSerde, 'decode'>, r: RawRecord): Promise<DlqRecord> {
  const base = { partition: r.partition, offset: r.offset, key: r.key?.toString() ?? null, headers: r.headers };
  if (r.value === null) return { ...base, letter: undefined, problem: 'no value (tombstone in the DLQ)' };
  try {
    return { ...base, letter: (await serde.decode(r.value)) as DeadLetter };
  } catch (err) {
    return { ...base, letter: undefined, problem: `not a readable DeadLetter: ${(err as Error).message}` };
  }
}

interface Range {
  low: bigint;
  high: bigint;
}

/** Low and high watermark per partition; DlqTopicMissingError when the topic does not exist. */
async function highWatermarks(client: KafkaClient, topic: string): Promise<Map<number, Range>> {
  const admin = client.kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) throw new DlqTopicMissingError(topic);
    const offsets = await admin.fetchTopicOffsets(topic);
    return new Map(offsets.map((o) => [o.partition, { low: BigInt(o.low), high: BigInt(o.high) }]));
  } finally {
    await admin.disconnect();
  }
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
