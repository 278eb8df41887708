// Pure: the partition a key's records are in, chosen exactly as the runtime producer chooses it (kafkajs'
// DefaultPartitioner, Java-compatible murmur2 over the key bytes, modulo the topic's partition count).
import { Partitioners, type PartitionMetadata } from 'kafkajs';

const partitioner = Partitioners.DefaultPartitioner();

/** Partition metadata as the producer sees it; the partitioner only counts it for a keyed record. */
const metadataOf = (partitions: number): PartitionMetadata[] =>
  Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));

export function partitionFor(key: string, partitions: number): number {
  if (!Number.isInteger(partitions) || partitions < 1)
    throw new Error(`a topic has at least 1 partition, not ${partitions}`);
  return partitioner({ topic: 'timeline', partitionMetadata: metadataOf(partitions), message: { key, value: null } });
}
