// The standard record headers: what a producer writes from RecordMeta, how a header bag is read back, and
// the attempt number a consumer takes from it.
import { describe, expect, it } from 'vitest';
import { attemptOf, decodeHeaders, standardHeaders, StandardHeader } from '../../src/kafka/headers';

const at = new Date('2026-03-01T10:00:00.000Z');

describe('standard headers', () => {
  it('writes every standard header from the meta; causation defaults to the correlation, attempt to 1', () => {
    expect(
      standardHeaders({ correlationId: 'c1', eventType: 'OrderPlaced', sourceSystem: 'MAGENTO' }, () => at),
    ).toEqual({
      'correlation-id': 'c1',
      'causation-id': 'c1',
      'event-type': 'OrderPlaced',
      'source-system': 'MAGENTO',
      'occurred-at': '2026-03-01T10:00:00.000Z',
      attempt: '1',
    });
  });

  it('keeps what the meta states: causation, occurred-at (a Date or a string), attempt and entity version', () => {
    const headers = standardHeaders({
      correlationId: 'c1',
      causationId: 'e9',
      eventType: 'SetSourceItem',
      sourceSystem: 'M3',
      occurredAt: '2026-02-01T00:00:00Z',
      attempt: 3,
      entityVersion: '1796641082002',
    });
    expect(headers).toMatchObject({
      'causation-id': 'e9',
      'occurred-at': '2026-02-01T00:00:00Z',
      attempt: '3',
      'entity-version': '1796641082002',
    });
    expect(standardHeaders({ correlationId: 'c', eventType: 'E', sourceSystem: 'M3', occurredAt: at })).toMatchObject({
      'occurred-at': '2026-03-01T10:00:00.000Z',
    });
  });

  it('names the headers as ARCHITECTURE.md §3 does', () => {
    expect(StandardHeader).toEqual({
      correlationId: 'correlation-id',
      causationId: 'causation-id',
      eventType: 'event-type',
      sourceSystem: 'source-system',
      occurredAt: 'occurred-at',
      attempt: 'attempt',
      entityVersion: 'entity-version',
    });
  });
});

describe('decodeHeaders', () => {
  it('reads buffers and strings as strings, the last of a repeated header, and skips absent values', () => {
    expect(
      decodeHeaders({
        a: Buffer.from('one'),
        b: 'two',
        c: [Buffer.from('first'), 'last'],
        d: undefined,
        e: [],
      }),
    ).toEqual({ a: 'one', b: 'two', c: 'last' });
  });

  it('reads no header bag as no headers', () => {
    expect(decodeHeaders(undefined)).toEqual({});
  });
});

describe('attemptOf', () => {
  it('is the attempt header when it is a positive integer, else 1', () => {
    expect(attemptOf({ attempt: '3' })).toBe(3);
    expect(attemptOf({ attempt: '1' })).toBe(1);
    for (const bad of ['0', '-2', '1.5', 'x', '']) expect(attemptOf({ attempt: bad }), `attempt "${bad}"`).toBe(1);
    expect(attemptOf({})).toBe(1);
  });
});
