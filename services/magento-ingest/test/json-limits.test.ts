// JSON body limits, checked before parsing: nesting deeper than 100 levels and bytes that are not UTF-8 are a
// 400 `malformed` naming the limit (deep nesting used to overflow the stack in the mapping: a 503 forever).
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonDepth, jsonText, MAX_JSON_DEPTH } from '../src/routes/json-limits';
import { harness, HMAC_SECRET, type Harness } from './support/harness';

const nested = (depth: number): string =>
  `{"event":"sales_order_save_after","data":${'['.repeat(depth - 1)}1${']'.repeat(depth - 1)}}`;

describe('jsonDepth', () => {
  it('counts objects and arrays, not brackets inside strings or escaped quotes', () => {
    expect(jsonDepth('1')).toBe(0);
    expect(jsonDepth('{"a":[{"b":[]}]}')).toBe(4);
    expect(jsonDepth('{"a":"[[[{{{","b":"\\"[[["}')).toBe(1);
    expect(jsonDepth(nested(MAX_JSON_DEPTH))).toBe(MAX_JSON_DEPTH);
    expect(jsonDepth('['.repeat(1_000_000))).toBe(MAX_JSON_DEPTH + 1); // stops counting past the limit
  });

  it('jsonText names the limit a body breaks', () => {
    expect(jsonText(Buffer.from(nested(MAX_JSON_DEPTH)))).toMatchObject({ ok: true });
    expect(jsonText(Buffer.from(nested(MAX_JSON_DEPTH + 1)))).toEqual({
      ok: false,
      limit: 'maxDepth',
      message: 'JSON nested deeper than 100 levels (limit maxDepth)',
    });
    expect(jsonText(Buffer.from('{"name":"Müller"}', 'latin1'))).toMatchObject({ ok: false, limit: 'encoding' });
    expect(jsonText(Buffer.from('\ufeff{"name":"Müller"}'))).toEqual({ ok: true, text: '{"name":"Müller"}' });
  });
});

describe('at the endpoint', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness();
  });
  afterEach(() => h.close());

  const post = (body: Buffer) =>
    h.http.inject({
      method: 'POST',
      url: '/webhooks/generic',
      headers: {
        'content-type': 'application/json',
        'x-webhook-signature': `sha256=${createHmac('sha256', HMAC_SECRET).update(body).digest('hex')}`,
      },
      payload: body,
    });

  it('400 malformed naming maxDepth above 100 levels; at 100 the body is judged on its shape', async () => {
    const deep = await post(Buffer.from(nested(MAX_JSON_DEPTH + 1)));
    expect(deep.statusCode).toBe(400);
    expect(deep.json()).toEqual({ error: 'malformed', message: 'JSON nested deeper than 100 levels (limit maxDepth)' });
    const at = await post(Buffer.from(nested(MAX_JSON_DEPTH)));
    expect(at.statusCode).toBe(400);
    expect(at.json()).toMatchObject({ error: 'invalid' });
    expect(await h.count('generic-webhook', 'malformed')).toBe(1);
  });

  it('400 malformed naming encoding for a body that is not UTF-8', async () => {
    const res = await post(Buffer.from('{"event":"sales_order_save_after","data":{"name":"Müller"}}', 'latin1'));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'malformed',
      message: 'body is not valid UTF-8 (limit encoding: JSON must be UTF-8)',
    });
  });
});
