// classify: any thrown value becomes an AppError whose code decides retry or dead letter.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, classify } from '../../src/core';

const withCode = (message: string, code: unknown): Error => Object.assign(new Error(message), { code });

/** `depth` errors, each the cause of the one before; the innermost carries `inner`. */
function chain(depth: number, inner: Error): Error {
  let e = inner;
  for (let i = 0; i < depth; i += 1) e = new Error(`wrap ${i}`, { cause: e });
  return e;
}

describe('classify: network and timeout errors', () => {
  it('keeps the message, the original error as cause and the socket code in details', () => {
    const refused = withCode('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED');
    const e = classify(refused);
    expect(e).toMatchObject({ code: 'HTTP_CONNECTION', retriable: true, message: 'connect ECONNREFUSED 127.0.0.1:9' });
    expect(e.cause).toBe(refused);
    expect(e.details).toEqual({ errorCode: 'ECONNREFUSED' });
  });

  it('reads the code from a cause without a message, keeping the outer error as cause and its text', () => {
    const fetchFailed = new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } });
    const e = classify(fetchFailed);
    expect(e).toMatchObject({ code: 'HTTP_CONNECTION', message: 'TypeError: fetch failed' });
    expect(e.cause).toBe(fetchFailed);
  });

  it('treats HTTP parser errors (HPE_*) as connection errors', () => {
    expect(classify(withCode('Parse Error: Invalid header value char', 'HPE_INVALID_HEADER_TOKEN')).code).toBe(
      'HTTP_CONNECTION',
    );
  });

  it('treats other string codes (Node ERR_*) as bugs, not as network trouble', () => {
    const bug = withCode('The "url" argument must be of type string', 'ERR_INVALID_ARG_TYPE');
    expect(classify(bug)).toMatchObject({ code: 'INTERNAL', retriable: false });
  });

  it('finds a known error up to five levels down the cause chain, not deeper', () => {
    const refused = (): Error => withCode('connect ECONNREFUSED', 'ECONNREFUSED');
    expect(classify(chain(4, refused())).code).toBe('HTTP_CONNECTION');
    expect(classify(chain(5, refused())).code).toBe('INTERNAL');
  });

  it('stops on a cause chain that loops', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    expect(classify(a)).toMatchObject({ code: 'INTERNAL', message: 'a' });
  });

  it('returns an AppError found in the cause chain as it is', () => {
    const inner = new AppError('BREAKER_OPEN', 'm3 breaker open');
    expect(classify(new Error('handler failed', { cause: inner }))).toBe(inner);
  });
});

describe('classify: validation, Kafka and the rest', () => {
  it('maps a zod error to VALIDATION', () => {
    const parsed = z.object({ sku: z.string() }).safeParse({ sku: 1 });
    expect(parsed.success).toBe(false);
    expect(classify(parsed.error)).toMatchObject({ code: 'VALIDATION', kind: 'validation', retriable: false });
  });

  it('maps only retriable Kafka errors to KAFKA_UNAVAILABLE, numeric protocol codes included', () => {
    const protocol = Object.assign(new Error('leader not available'), {
      name: 'KafkaJSProtocolError',
      code: 5,
      retriable: true,
    });
    expect(classify(protocol).code).toBe('KAFKA_UNAVAILABLE');
    const refused = Object.assign(new Error('topic authorization failed'), {
      name: 'KafkaJSProtocolError',
      code: 29,
      retriable: false,
    });
    expect(classify(refused).code).toBe('INTERNAL');
    const notKafka = Object.assign(new Error('throttled by SDK'), { name: 'ThrottlingException', retriable: true });
    expect(classify(notKafka).code).toBe('INTERNAL');
  });

  it('makes anything else INTERNAL with the thrown value as cause', () => {
    const bug = new RangeError('index out of range');
    expect(classify(bug).cause).toBe(bug);
    const e = classify(null);
    expect(e).toMatchObject({ code: 'INTERNAL', message: 'Non-error thrown: null' });
    expect(classify({ message: 'plain object' })).toMatchObject({
      code: 'INTERNAL',
      message: 'Non-error thrown: [object Object]',
    });
  });
});
