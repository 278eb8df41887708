// Retry-After, as M3 and Magento send it: delta-seconds or an HTTP date, relative to an injected clock.
import { describe, expect, it } from 'vitest';
import { headerValue, parseRetryAfter } from '../../src/core';

const now = Date.parse('2024-05-01T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['7', 7000],
    ['120', 120_000],
    [' 120 ', 120_000],
    ['1.5', 1500],
    ['1.25', 1250],
    ['0', 0],
  ])('reads %j as %i ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it('reads HTTP dates, with a numeric zone too, and gives 0 for a date already past', () => {
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 10:00:30 +0000', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 09:59:00 GMT', now)).toBe(0);
  });

  it.each([[undefined], [''], ['   '], ['120s'], ['soon'], ['1e3']])('gives undefined for %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('headerValue', () => {
  it('finds a header whatever its case, the first of repeated values', () => {
    expect(headerValue({ 'RETRY-AFTER': ['5', '9'] }, 'retry-after')).toBe('5');
    expect(headerValue({ 'retry-after': '5' }, 'Retry-After')).toBe('5');
    expect(headerValue({ other: '1' }, 'retry-after')).toBeUndefined();
    expect(headerValue(undefined, 'retry-after')).toBeUndefined();
  });
});
