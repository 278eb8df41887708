// The partition the timeline reads is the one Kafka's Java-compatible default partitioner picks: murmur2 of
// the key bytes, made positive, modulo the partition count (hashes from Kafka's own UtilsTest.testMurmur2).
import { describe, expect, it } from 'vitest';
import { partitionFor } from '../partition';

const JAVA_MURMUR2: Array<[string, number]> = [
  ['21', -973932308],
  ['foobar', -790332482],
  ['a-little-bit-long-string', -985981536],
  ['a-little-bit-longer-string', -1486304829],
  ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
  ['abc', 479470107],
];

describe('partitionFor', () => {
  it.each(JAVA_MURMUR2)('puts %s where the Java client does, for any partition count', (key, hash) => {
    for (const n of [1, 2, 3, 6, 7, 12]) expect(partitionFor(key, n)).toBe((hash & 0x7fffffff) % n);
  });

  it('is the same partition for the same key every time, and spreads different keys', () => {
    expect(partitionFor('000000123', 6)).toBe(partitionFor('000000123', 6));
    const used = new Set(Array.from({ length: 60 }, (_, i) => partitionFor(`1000000${i}`, 6)));
    expect(used.size).toBe(6);
  });

  it('refuses a partition count no topic has', () => {
    expect(() => partitionFor('k', 0)).toThrow('at least 1 partition');
  });
});
