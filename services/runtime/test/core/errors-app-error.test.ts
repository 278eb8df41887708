// What an AppError carries and what it serialises to (logs, DLQ records), and the catalogue table that
// service READMEs embed.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCodes, errorCatalogueMarkdown } from '../../src/core';

describe('AppError', () => {
  it('is named AppError and keeps the cause it was given', () => {
    const socket = new Error('read ECONNRESET');
    const e = new AppError('HTTP_CONNECTION', 'call failed', { cause: socket });
    expect(e.name).toBe('AppError');
    expect(e.cause).toBe(socket);
    expect(inspect(e)).toContain('[cause]: Error: read ECONNRESET');
  });

  it('has no cause at all when none was given, so logs show none', () => {
    const e = new AppError('INTERNAL', 'oops');
    expect(Object.hasOwn(e, 'cause')).toBe(false);
    expect(inspect(e)).not.toContain('[cause]');
  });

  it('serialises code, kind, retriable and message, nothing else when there is nothing else', () => {
    expect(new AppError('BREAKER_OPEN', 'm3 breaker open').toJSON()).toStrictEqual({
      name: 'AppError',
      code: 'BREAKER_OPEN',
      kind: 'transient',
      retriable: true,
      message: 'm3 breaker open',
    });
  });

  it('serialises details, Retry-After and an Error cause as "name: message"', () => {
    const e = new AppError('HTTP_429', 'slow down', {
      details: { system: 'm3', status: 429 },
      retryAfterMs: 7000,
      cause: new TypeError('fetch failed'),
    });
    expect(e.toJSON()).toStrictEqual({
      name: 'AppError',
      code: 'HTTP_429',
      kind: 'throttled',
      retriable: true,
      message: 'slow down',
      details: { system: 'm3', status: 429 },
      retryAfterMs: 7000,
      cause: 'TypeError: fetch failed',
    });
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({ cause: 'TypeError: fetch failed', retryAfterMs: 7000 });
  });

  it('serialises a cause that is not an Error as it is', () => {
    expect(new AppError('INTERNAL', 'thrown', { cause: 'a string' }).toJSON()['cause']).toBe('a string');
    expect(new AppError('INTERNAL', 'thrown', { cause: { id: 1 } }).toJSON()['cause']).toEqual({ id: 1 });
  });

  it('withDetails keeps cause, Retry-After and stack and merges the details', () => {
    const cause = new Error('503 from M3');
    const e = new AppError('HTTP_5XX', 'm3 down', { cause, retryAfterMs: 2000, details: { status: 503 } });
    const more = e.withDetails({ group: 'mi' });
    expect(more).not.toBe(e);
    expect(more.cause).toBe(cause);
    expect(more.retryAfterMs).toBe(2000);
    expect(more.details).toEqual({ status: 503, group: 'mi' });
    expect(more.stack).toBe(e.stack);
    expect(e.details).toEqual({ status: 503 });
  });

  it('withDetails on an error without cause or Retry-After adds neither', () => {
    const more = new AppError('MAPPING_UNMAPPABLE', 'no warehouse').withDetails({ source: 'XYZ' });
    expect(Object.hasOwn(more, 'cause')).toBe(false);
    expect(inspect(more)).not.toContain('[cause]');
    expect(more.toJSON()).toStrictEqual({
      name: 'AppError',
      code: 'MAPPING_UNMAPPABLE',
      kind: 'permanent',
      retriable: false,
      message: 'no warehouse',
      details: { source: 'XYZ' },
    });
  });
});

describe('errorCatalogueMarkdown', () => {
  it('renders a header, a separator and one full row per code in catalogue order, with the HTTP status where there is one', () => {
    const lines = errorCatalogueMarkdown(['HTTP_429', 'BREAKER_OPEN']).split('\n');
    expect(lines).toEqual([
      '| code | kind | retriable | http | description |',
      '|---|---|---|---|---|',
      `| \`HTTP_429\` | throttled | yes | 429 | ${ErrorCodes.HTTP_429.description} |`,
      `| \`BREAKER_OPEN\` | transient | yes |  | ${ErrorCodes.BREAKER_OPEN.description} |`,
    ]);
  });

  it('lists every code when none are named', () => {
    const rows = errorCatalogueMarkdown().split('\n').slice(2);
    expect(rows.map((r) => /^\| `([A-Z0-9_]+)` \|/.exec(r)?.[1])).toEqual(Object.keys(ErrorCodes));
  });
});
