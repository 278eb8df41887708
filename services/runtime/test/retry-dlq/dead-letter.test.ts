import { existsSync } from 'node:fs';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors';
import type { ConsumedRecord } from '../../src/kafka/handler';
import {
  deadLetterRecord,
  deadLetterSchema,
  deadLetterSchemaPath,
  failureHeaders,
  sourceDeadLetter,
  type Origin,
} from '../../src/retry-dlq/dead-letter';
import { RetryHeader } from '../../src/retry-dlq/headers';

const at = new Date('2030-01-02T03:04:05.678Z');
const who = { service: 'm3-writer', group: 'ns.m3-writer' };
const error = new AppError('MAPPING_UNMAPPABLE', 'no warehouse for source XYZ');

const record = (over: Partial<ConsumedRecord> = {}): ConsumedRecord => ({
  topic: 'ns.m3-writer.retry.2',
  partition: 0,
  offset: '17',
  key: Buffer.from('000000042'),
  value: Buffer.from([0, 0, 0, 0, 7, 2, 4]),
  headers: { 'correlation-id': 'corr-1', attempt: '3' },
  ...over,
});
const origin: Origin = { topic: 'ns.cmd.m3.customer-order.v1', partition: 5, offset: '1234', attempt: 3 };

describe('failureHeaders', () => {
  it('adds origin, error, stage, attempts and time to the original headers', () => {
    expect(failureHeaders(record(), origin, error, 'handler', at)).toEqual({
      'correlation-id': 'corr-1',
      attempt: '3',
      'x-original-topic': 'ns.cmd.m3.customer-order.v1',
      'x-original-partition': '5',
      'x-original-offset': '1234',
      'x-error-class': 'permanent',
      'x-error-code': 'MAPPING_UNMAPPABLE',
      'x-error-message': 'no warehouse for source XYZ',
      'x-error-stage': 'handler',
      'x-attempts': '3',
      'x-failed-at': '2030-01-02T03:04:05.678Z',
    });
  });

  it('replaces the x-* headers of an earlier failure and cuts the message to 1000 characters', () => {
    const earlier = record({
      headers: {
        'correlation-id': 'corr-1',
        'x-error-code': 'HTTP_5XX',
        'x-error-class': 'transient',
        'x-error-stage': 'handler',
        'x-attempts': '1',
      },
    });
    const long = new AppError('HTTP_TIMEOUT', 'x'.repeat(1001));
    const headers = failureHeaders(earlier, origin, long, 'retry-exhausted', at);
    expect(headers['x-error-code']).toBe('HTTP_TIMEOUT');
    expect(headers['x-error-class']).toBe('transient');
    expect(headers['x-error-stage']).toBe('retry-exhausted');
    expect(headers['x-attempts']).toBe('3');
    expect(headers['x-error-message']).toBe('x'.repeat(1000));
    expect(failureHeaders(earlier, origin, new AppError('HTTP_TIMEOUT', 'y'.repeat(1000)), 'decode', at)).toMatchObject(
      {
        'x-error-message': 'y'.repeat(1000),
        'x-error-stage': 'decode',
      },
    );
  });
});

describe('deadLetterRecord', () => {
  it('carries the origin, the original key, bytes and headers, the error and who dead-lettered it', () => {
    const r = record();
    expect(deadLetterRecord(r, origin, error, 'retry-exhausted', at, who)).toEqual({
      originalTopic: 'ns.cmd.m3.customer-order.v1',
      originalPartition: 5,
      originalOffset: 1234,
      originalKey: '000000042',
      originalValue: Buffer.from([0, 0, 0, 0, 7, 2, 4]),
      originalHeaders: { 'correlation-id': 'corr-1', attempt: '3' },
      errorClass: 'permanent',
      errorCode: 'MAPPING_UNMAPPABLE',
      errorMessage: 'no warehouse for source XYZ',
      stage: 'retry-exhausted',
      attempts: 3,
      failedAt: Date.parse('2030-01-02T03:04:05.678Z'),
      service: 'm3-writer',
      group: 'ns.m3-writer',
    });
    expect(deadLetterRecord(r, origin, error, 'handler', at, who).originalValue).toBe(r.value);
  });

  it('keeps only the headers the record had before the retry machinery (every x-* name is dropped)', () => {
    const internal = Object.fromEntries(Object.values(RetryHeader).map((name) => [name, `v-${name}`]));
    const r = record({ headers: { ...internal, 'correlation-id': 'corr-1', 'x-custom': 'kept' } });
    expect(deadLetterRecord(r, origin, error, 'handler', at, who).originalHeaders).toEqual({
      'correlation-id': 'corr-1',
      'x-custom': 'kept',
    });
  });

  it('keeps the whole error message, and null for a null key or a tombstone', () => {
    const long = new AppError('INTERNAL', 'z'.repeat(1500));
    const dl = deadLetterRecord(record({ key: null, value: null }), origin, long, 'decode', at, who);
    expect([dl.originalKey, dl.originalValue, dl.errorMessage.length, dl.errorClass, dl.stage]).toEqual([
      null,
      null,
      1500,
      'permanent',
      'decode',
    ]);
  });

  it('fits the registered Avro schema m3mage.platform.DeadLetter', () => {
    expect(deadLetterSchemaPath.endsWith('/schemas/platform/dead-letter.avsc')).toBe(true);
    expect(existsSync(deadLetterSchemaPath)).toBe(true);
    const schema = deadLetterSchema();
    expect(schema).toMatchObject({ type: 'record', name: 'DeadLetter', namespace: 'm3mage.platform' });
    const type = avro.Type.forSchema(schema as avro.Schema);
    const dl = deadLetterRecord(record(), origin, error, 'retry-exhausted', at, who);
    expect(type.isValid(dl)).toBe(true);
    expect(type.fromBuffer(type.toBuffer(dl))).toEqual(dl);
    expect(type.isValid(deadLetterRecord(record({ key: null, value: null }), origin, error, 'decode', at, who))).toBe(
      true,
    );
  });
});

describe('sourceDeadLetter', () => {
  it('dead-letters a document read from a source API: partition and offset -1, stage map', () => {
    const ref = Buffer.from('{"entity_id":42,"increment_id":"000000042"}');
    const out = sourceDeadLetter({
      source: 'magento-rest:/V1/orders/42',
      key: '000000042',
      value: ref,
      headers: { 'correlation-id': 'poll-1' },
      error,
      attempts: 1,
      at,
      who: { service: 'magento-ingest', group: 'magento-ingest' },
    });
    expect(out).toEqual({
      value: {
        originalTopic: 'magento-rest:/V1/orders/42',
        originalPartition: -1,
        originalOffset: -1,
        originalKey: '000000042',
        originalValue: ref,
        originalHeaders: { 'correlation-id': 'poll-1' },
        errorClass: 'permanent',
        errorCode: 'MAPPING_UNMAPPABLE',
        errorMessage: 'no warehouse for source XYZ',
        stage: 'map',
        attempts: 1,
        failedAt: Date.parse('2030-01-02T03:04:05.678Z'),
        service: 'magento-ingest',
        group: 'magento-ingest',
      },
      headers: {
        'correlation-id': 'poll-1',
        'x-original-topic': 'magento-rest:/V1/orders/42',
        'x-original-partition': '-1',
        'x-original-offset': '-1',
        'x-error-class': 'permanent',
        'x-error-code': 'MAPPING_UNMAPPABLE',
        'x-error-message': 'no warehouse for source XYZ',
        'x-error-stage': 'map',
        'x-attempts': '1',
        'x-failed-at': '2030-01-02T03:04:05.678Z',
      },
    });
  });

  it('takes a null key and no headers', () => {
    const out = sourceDeadLetter({
      source: 'magento-rest:/V1/orders/7',
      key: null,
      value: Buffer.from('{}'),
      error,
      attempts: 2,
      at,
      who,
    });
    expect(out.value.originalKey).toBeNull();
    expect(out.value.originalHeaders).toEqual({});
    expect(out.value.attempts).toBe(2);
    expect(Object.keys(out.headers).filter((h) => !h.startsWith('x-'))).toEqual([]);
    expect(out.headers['x-attempts']).toBe('2');
  });
});
