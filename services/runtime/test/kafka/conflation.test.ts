import { describe, expect, it } from 'vitest';
import { supersededIn } from '../../src/kafka/batch-processor';
import type { ConsumedRecord } from '../../src/kafka/handler';

const rec = (offset: number, key: string | null, version?: string): ConsumedRecord => ({
  topic: 't',
  partition: 0,
  offset: String(offset),
  key: key === null ? null : Buffer.from(key),
  value: Buffer.from('v'),
  headers: version === undefined ? {} : { 'entity-version': version },
});

describe('conflation', () => {
  it('keeps only the newest record of each key; records without a key are never superseded', () => {
    const batch = [rec(10, 'A@X'), rec(11, 'B@X'), rec(12, 'A@X'), rec(13, null), rec(14, null), rec(15, 'A@X')];
    expect([...supersededIn(batch)].sort()).toEqual(['10', '12']);
  });

  it('keeps the highest entity-version of a key, so a late older record never hides a newer one', () => {
    const batch = [
      rec(1, 'A@X', '1796641082002'),
      rec(2, 'A@X', '1796641082001'),
      rec(3, 'B@X', '5'),
      rec(4, 'B@X', '5'),
    ];
    // A@X: offset 1 has the newer version and is the one that runs; B@X: equal versions, the later offset.
    expect([...supersededIn(batch)].sort()).toEqual(['2', '3']);
  });

  it('a batch of distinct keys loses nothing', () => {
    expect(supersededIn([rec(1, 'a'), rec(2, 'b'), rec(3, 'c')]).size).toBe(0);
  });
});
