// recordBytes: the bound the producer keeps its batches under, checked against the size kafkajs's own
// v2 record encoder gives the same record (with the widest offset and timestamp deltas of a batch).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { recordBytes } from '../../src/kafka/topic-limits';

type Encoded = { buffer: Buffer };
const encodeRecord = createRequire(import.meta.url)('kafkajs/src/protocol/recordBatch/record/v0/index.js') as (r: {
  offsetDelta: number;
  timestampDelta: number;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers: Record<string, Buffer | string | (Buffer | string)[]>;
}) => Encoded;

const widest = { offsetDelta: 2 ** 31 - 1, timestampDelta: 2 ** 40 };

describe('recordBytes', () => {
  it('counts 25 bytes of framing, the key, the value and 10 bytes plus name and value per header value', () => {
    expect(recordBytes({ key: null, value: null })).toBe(25);
    expect(recordBytes({ key: 'k1', value: Buffer.alloc(5) })).toBe(32);
    expect(recordBytes({ key: 'é', value: '€' })).toBe(25 + 2 + 3); // UTF-8 bytes, not characters
    expect(
      recordBytes({
        key: 'k1',
        value: Buffer.alloc(5),
        headers: { a: 'xyz', bb: [Buffer.from('p'), 'qq'], c: undefined },
      }),
    ).toBe(32 + (10 + 1 + 3) + (10 + 2 + 1) + (10 + 2 + 2) + (10 + 1));
  });

  it('is never below what the record takes in a v2 batch', () => {
    const records = [
      { key: null, value: Buffer.alloc(0), headers: {} },
      { key: 'order-000000042', value: Buffer.alloc(1_000), headers: { 'correlation-id': 'c'.repeat(36) } },
      {
        key: 'sku@source',
        value: Buffer.alloc(200_000),
        headers: { 'event-type': 'SetSourceItem', attempt: ['1', '2'], 'source-system': Buffer.from('M3') },
      },
    ];
    for (const r of records) {
      const bound = recordBytes(r);
      const actual = encodeRecord({ ...widest, ...r }).buffer.length;
      expect(bound).toBeGreaterThanOrEqual(actual);
      expect(bound - actual).toBeLessThan(40); // a bound, not a guess
    }
  });
});
