// The HTTP server limits every service gets from its context: config keys with their defaults and rule, and a
// real fastify server (127.0.0.1:0) built with httpServerLimits() cutting off a slow-loris body and slow headers,
// while a slow handler (the request fully received) is not cut off.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, httpServerConfigSchema, loadConfig, type HttpServerConfig } from '../../src/core';
import { httpServerLimits } from '../../src/service';
import { slowClient } from '../../../../test/support/slow-client';

const load = (env: Record<string, string>): HttpServerConfig => loadConfig(httpServerConfigSchema, { env });

describe('HTTP server limits', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function serve(c: HttpServerConfig): Promise<number> {
    app = Fastify(httpServerLimits(c));
    app.post('/in', async (req) => ({ bytes: String(req.body).length }));
    app.get('/slow', async () => {
      await new Promise((r) => setTimeout(r, 1_500));
      return { ok: true };
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return Number(new URL(url).port);
  }

  it('defaults to 5 s for the headers, 10 s for the whole request and 60 s for an idle socket', () => {
    const c = load({});
    expect(c).toEqual({
      HTTP_HEADERS_TIMEOUT_MS: 5_000,
      HTTP_REQUEST_TIMEOUT_MS: 10_000,
      HTTP_CONNECTION_TIMEOUT_MS: 60_000,
    });
    expect(httpServerLimits(c)).toEqual({
      connectionTimeout: 60_000,
      requestTimeout: 10_000,
      http: { headersTimeout: 5_000, requestTimeout: 10_000, connectionsCheckingInterval: 1_000 },
    });
  });

  it('refuses a headers timeout longer than the request timeout, naming the key', () => {
    let error: unknown;
    try {
      load({ HTTP_HEADERS_TIMEOUT_MS: '20000', HTTP_REQUEST_TIMEOUT_MS: '10000' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONFIG_INVALID');
    expect((error as AppError).message).toContain('HTTP_HEADERS_TIMEOUT_MS');
    expect((error as AppError).message).toContain('longer than HTTP_REQUEST_TIMEOUT_MS');
  });

  it('cuts off a slow-loris body (5 bytes of a 100 kB body, then a byte every 200 ms) with 408 at the request timeout', async () => {
    const port = await serve(load({ HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '1000' }));
    const head = 'POST /in HTTP/1.1\r\nHost: t\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\nhello';
    const out = await slowClient(port, head, 'x'.repeat(100), 200, 8_000);
    expect(out.statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(out.closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(out.closedAfterMs).toBeLessThan(2_500);
  });

  it('cuts off headers that trickle in at the headers timeout', async () => {
    const port = await serve(load({ HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '5000' }));
    const out = await slowClient(port, 'GET /slow HTTP/1.1\r\n', 'X-Pad: ' + 'a'.repeat(100), 100, 8_000);
    expect(out.statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(out.closedAfterMs).toBeLessThan(2_000);
  });

  it('does not cut off a handler that takes longer than the request timeout once the request is in', async () => {
    const port = await serve(load({ HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '1000' }));
    const res = await fetch(`http://127.0.0.1:${port}/slow`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers a whole body sent at once', async () => {
    const port = await serve(load({ HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '1000' }));
    const res = await fetch(`http://127.0.0.1:${port}/in`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'y'.repeat(100_000),
    });
    expect(await res.json()).toEqual({ bytes: 100_000 });
  });
});
