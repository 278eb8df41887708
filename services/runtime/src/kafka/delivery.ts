// Per-message delivery results from one sendBatch: which partition each message went to (recorded by
// the partitioner) and its offset (the partition's base offset + its position in that partition).
import { Partitioners, type ICustomPartitioner, type Message, type RecordMetadata } from 'kafkajs';

export interface Delivery {
  topic: string;
  partition: number;
  offset: string;
}

export interface PartitionRecorder {
  createPartitioner: ICustomPartitioner;
  partitionOf(message: Message): number | undefined;
}

/** Kafka's default (Java-compatible murmur2) partitioner that remembers its choice per message. */
export function recordingPartitioner(): PartitionRecorder {
  const chosen = new WeakMap<Message, number>();
  const base = Partitioners.DefaultPartitioner();
  return {
    createPartitioner: () => (args) => {
      const partition = base(args);
      chosen.set(args.message, partition);
      return partition;
    },
    partitionOf: (message) => chosen.get(message),
  };
}

export function deliveries(
  topic: string,
  messages: Message[],
  results: RecordMetadata[],
  recorder: PartitionRecorder,
): Delivery[] {
  const base = new Map<number, bigint>();
  for (const r of results) if (r.topicName === topic) base.set(r.partition, BigInt(r.baseOffset ?? '-1'));
  const seen = new Map<number, number>();
  return messages.map((m) => {
    const partition = m.partition ?? recorder.partitionOf(m) ?? -1;
    const index = seen.get(partition) ?? 0;
    seen.set(partition, index + 1);
    const b = base.get(partition);
    return { topic, partition, offset: b === undefined || b < 0n ? '-1' : String(b + BigInt(index)) };
  });
}
