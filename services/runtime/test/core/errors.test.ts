import { describe, expect, it } from 'vitest';
import {
  AppError,
  ErrorCodes,
  classify,
  classifyHttp,
  errorCatalogueMarkdown,
  listErrorCodes,
  parseRetryAfter,
} from '../../src/core';

describe('error catalogue', () => {
  it('is frozen and every entry names itself', () => {
    expect(Object.isFrozen(ErrorCodes)).toBe(true);
    for (const [key, info] of Object.entries(ErrorCodes)) {
      expect(info.code).toBe(key);
      expect(Object.isFrozen(info)).toBe(true);
    }
  });

  it('renders a markdown table, optionally restricted to some codes', () => {
    const md = errorCatalogueMarkdown(['M3_NOK', 'BREAKER_OPEN']);
    const lines = md.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^\| `BREAKER_OPEN` \| transient \| yes \|/);
    expect(lines[3]).toMatch(/^\| `M3_NOK` \| permanent \| no \|/);
    expect(listErrorCodes().length).toBe(Object.keys(ErrorCodes).length);
  });

  it('AppError takes kind and retriable from the catalogue unless overridden', () => {
    const e = new AppError('HTTP_5XX', 'boom', { details: { a: 1 } });
    expect([e.code, e.kind, e.retriable, e.details]).toEqual(['HTTP_5XX', 'transient', true, { a: 1 }]);
    const locked = new AppError('M3_NOK', 'locked', { kind: 'transient', retriable: true });
    expect([locked.kind, locked.retriable]).toEqual(['transient', true]);
    expect(new AppError('INTERNAL').message).toBe(ErrorCodes.INTERNAL.description);
    expect(e.toJSON()).toMatchObject({ code: 'HTTP_5XX', kind: 'transient', message: 'boom' });
    const more = locked.withDetails({ group: 'mi' });
    expect([more.code, more.kind, more.retriable, more.details, more.stack]).toEqual([
      'M3_NOK',
      'transient',
      true,
      { group: 'mi' },
      locked.stack,
    ]);
  });
});

describe('classify', () => {
  it('passes AppErrors through', () => {
    const e = new AppError('BREAKER_OPEN', 'open');
    expect(classify(e)).toBe(e);
  });

  it('maps undici and socket errors to transient codes, also inside a cause chain', () => {
    const timeout = Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(classify(timeout)).toMatchObject({ code: 'HTTP_TIMEOUT', kind: 'transient', retriable: true });
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(classify(new TypeError('fetch failed', { cause: refused }))).toMatchObject({ code: 'HTTP_CONNECTION' });
    expect(classify(new DOMException('signal timed out', 'TimeoutError')).code).toBe('HTTP_TIMEOUT');
  });

  it('maps retriable Kafka errors to KAFKA_UNAVAILABLE and everything else to INTERNAL', () => {
    const kafka = Object.assign(new Error('broker down'), { name: 'KafkaJSConnectionError', retriable: true });
    expect(classify(kafka).code).toBe('KAFKA_UNAVAILABLE');
    const bug = classify(new RangeError('oops'));
    expect([bug.code, bug.kind, bug.retriable, bug.message]).toEqual(['INTERNAL', 'permanent', false, 'oops']);
    expect(classify('a string').message).toContain('a string');
  });
});

describe('classifyHttp: status', () => {
  it('returns undefined for successes', () => {
    expect(classifyHttp('magento', 200, { id: 1 })).toBeUndefined();
    expect(classifyHttp('m3', 200, { Program: 'CRS610MI', MIRecord: [] })).toBeUndefined();
  });

  it.each([
    [401, 'AUTH_FAILED', 'auth', false],
    [403, 'AUTH_FAILED', 'auth', false],
    [429, 'HTTP_429', 'throttled', true],
    [500, 'HTTP_5XX', 'transient', true],
    [503, 'HTTP_5XX', 'transient', true],
    [408, 'HTTP_TIMEOUT', 'transient', true],
    [409, 'HTTP_4XX', 'validation', false],
  ])('status %i → %s', (status, code, kind, retriable) => {
    expect(classifyHttp('other', status, undefined)).toMatchObject({ code, kind, retriable });
  });

  it('parses Retry-After in seconds and as an HTTP date', () => {
    const now = Date.parse('2024-05-01T10:00:00Z');
    const secs = classifyHttp('magento', 429, '', { 'Retry-After': '7' }, { now: () => now });
    expect(secs?.retryAfterMs).toBe(7000);
    const date = classifyHttp('m3', 429, '', { 'retry-after': 'Wed, 01 May 2024 10:00:30 GMT' }, { now: () => now });
    expect(date?.retryAfterMs).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
