import { describe, expect, it } from 'vitest';
import { AppError, type BreakerState, type EndpointGroupOptions } from '../../src/core';
import { makeClient } from './support/client';
import { startTestServer, type Handler } from './support/test-server';
import { tick, waitFor } from './support/wait-for';
import { cleanupAfterEach } from '../../../../test/support/cleanup';

const cleanup = cleanupAfterEach();

const failing: Handler = (_req, reply) => reply.code(503).send({ error: 'down' });
const healthy: Handler = () => Promise.resolve({ ok: true });
const breaker = { volumeThreshold: 3, errorThresholdPercentage: 50, resetTimeoutMs: 200, rollingCountTimeoutMs: 5000 };

async function setup(handler: Handler, group: Partial<EndpointGroupOptions> = {}, now?: () => number) {
  const server = await startTestServer(handler);
  cleanup.push(() => server.close());
  const made = makeClient({ groups: { api: { baseUrl: server.url, breaker, ...group } }, ...(now ? { now } : {}) });
  cleanup.push(() => made.client.close());
  const events: BreakerState[] = [];
  made.client.onBreakerChange((g, s) => events.push(s));
  const call = (path = '/') => made.client.request({ group: 'api', operation: 'op', method: 'GET', path });
  return { server, events, call, ...made };
}

describe('http client: breaker', () => {
  it('opens after transient failures and then fails fast without calling the server', async () => {
    const { server, client, events, metrics, call } = await setup(failing);
    for (let i = 0; i < 3; i += 1) {
      await expect(call()).rejects.toMatchObject({
        code: 'HTTP_5XX',
        kind: 'transient',
        details: { system: 'test', group: 'api', operation: 'op', status: 503 },
      });
    }
    expect(client.breakerState('api')).toBe('open');
    expect(client.isOpen('api')).toBe(true);
    expect(events).toEqual(['open']);
    await expect(call()).rejects.toMatchObject({
      code: 'BREAKER_OPEN',
      kind: 'transient',
      retriable: true,
      details: { group: 'api' },
    });
    expect(server.arrivals).toHaveLength(3);
    expect(await metrics.text()).toContain('pipeline_breaker_state{system="test",endpoint="api"} 2');
  });

  it('goes half-open after resetTimeout, lets one trial call through and closes when it succeeds', async () => {
    const { server, client, events, metrics, call } = await setup(failing);
    for (let i = 0; i < 3; i += 1) await call().catch(() => undefined);
    const closed = client.waitUntilClosed('api');
    server.handle(healthy);
    await waitFor(() => client.breakerState('api') === 'half-open', 'half-open');
    expect(await metrics.text()).toContain('pipeline_breaker_state{system="test",endpoint="api"} 1');
    const res = await call();
    expect(res.body).toEqual({ ok: true });
    await closed;
    expect(client.breakerState('api')).toBe('closed');
    expect(events).toEqual(['open', 'half-open', 'closed']);
    expect(await metrics.text()).toContain('pipeline_breaker_state{system="test",endpoint="api"} 0');
  });

  it('reopens when the half-open trial fails', async () => {
    const { client, events, call } = await setup(failing);
    for (let i = 0; i < 3; i += 1) await call().catch(() => undefined);
    await waitFor(() => client.breakerState('api') === 'half-open', 'half-open');
    await expect(call()).rejects.toMatchObject({ code: 'HTTP_5XX' });
    expect(client.breakerState('api')).toBe('open');
    expect(events).toEqual(['open', 'half-open', 'open']);
  });

  it('probe(group) is the half-open trial; auto probing closes the breaker with no other traffic', async () => {
    const { server, client, call } = await setup(failing, { probe: { path: '/health', auto: true } });
    for (let i = 0; i < 3; i += 1) await call().catch(() => undefined);
    expect(await client.probe('api')).toBe(false); // still open: fails fast, server not called
    expect(server.arrivals).toHaveLength(3);
    server.handle(healthy);
    await client.waitUntilClosed('api');
    expect(server.arrivals.at(-1)?.url).toBe('/health');
  });

  it('does not count 4xx validation answers or M3 NOK bodies', async () => {
    const { client, call, server } = await setup((_req, reply) => reply.code(400).send({ message: 'bad' }));
    for (let i = 0; i < 10; i += 1)
      await expect(call()).rejects.toMatchObject({ code: 'HTTP_4XX', kind: 'validation' });
    expect(client.breakerState('api')).toBe('closed');
    // A business error the system's answers read from an HTTP 200 (an M3 NOK) is not a failure either.
    server.handle(() => Promise.resolve({ nok: 'Customer number is invalid' }));
    const answers = {
      businessError: (_status: number, body: unknown) =>
        (body as { nok?: string }).nok ? new AppError('M3_NOK', (body as { nok: string }).nok) : undefined,
    };
    const m3 = makeClient({ system: 'm3', answers, groups: { mi: { baseUrl: server.url, breaker } } });
    cleanup.push(() => m3.client.close());
    for (let i = 0; i < 10; i += 1) {
      await expect(m3.client.request({ group: 'mi', operation: 'x', method: 'GET', path: '/' })).rejects.toMatchObject({
        code: 'M3_NOK',
      });
    }
    expect(m3.client.breakerState('mi')).toBe('closed');
  });

  it('starts a fresh failure window on close: one 5xx after recovery does not reopen (no flapping)', async () => {
    const { server, client, events, metrics, call } = await setup(failing);
    for (let i = 0; i < 3; i += 1) await call().catch(() => undefined);
    expect(client.breakerState('api')).toBe('open');
    server.handle(healthy);
    await waitFor(() => client.breakerState('api') === 'half-open', 'half-open');
    await call(); // the trial succeeds: closed
    await client.waitUntilClosed('api');

    // The old window still holds 3 failures in 4 calls; opossum alone would reopen on the next 5xx.
    server.handle(failing);
    await expect(call()).rejects.toMatchObject({ code: 'HTTP_5XX' });
    expect(client.breakerState('api')).toBe('closed');
    await expect(call()).rejects.toMatchObject({ code: 'HTTP_5XX' });
    expect(client.breakerState('api')).toBe('closed'); // 2 calls in the new window < volumeThreshold 3
    expect(events).toEqual(['open', 'half-open', 'closed']);
    expect(await metrics.text()).toContain('pipeline_breaker_state{system="test",endpoint="api"} 0');

    // Once the volume threshold is met again in the new window, the breaker opens as usual …
    await expect(call()).rejects.toMatchObject({ code: 'HTTP_5XX' });
    expect(client.breakerState('api')).toBe('open');
    await expect(call()).rejects.toMatchObject({ code: 'BREAKER_OPEN' });
    expect(server.arrivals).toHaveLength(3 + 1 + 3);
    // … and recovers again with the same events, metrics and waiters.
    const closedAgain = client.waitUntilClosed('api');
    server.handle(healthy);
    await waitFor(() => client.breakerState('api') === 'half-open', 'half-open again');
    await call();
    await closedAgain;
    expect(events).toEqual(['open', 'half-open', 'closed', 'open', 'half-open', 'closed']);
    expect(await metrics.text()).toContain('pipeline_breaker_state{system="test",endpoint="api"} 0');
  });

  it('a window reset on close still lets a mixed failure rate reopen once the volume is met', async () => {
    const { server, client, call } = await setup(failing);
    for (let i = 0; i < 3; i += 1) await call().catch(() => undefined);
    server.handle(healthy);
    await waitFor(() => client.breakerState('api') === 'half-open', 'half-open');
    await call();
    expect(client.breakerState('api')).toBe('closed');
    server.handle(failing);
    await call().catch(() => undefined); // 1 failure of 1
    server.handle(healthy);
    await call(); // 1 failure of 2
    expect(client.breakerState('api')).toBe('closed');
    server.handle(failing);
    await call().catch(() => undefined); // 2 failures of 3 = 67 % > 50 %, volume 3 met
    expect(client.breakerState('api')).toBe('open');
  });

  it('rejects waitUntilClosed when the client closes', async () => {
    const { client, call } = await setup(failing);
    for (let i = 0; i < 3; i += 1) await call().catch(() => undefined);
    const waiting = expect(client.waitUntilClosed('api')).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
    await client.close();
    await waiting;
  });
});

describe('http client: 429 and Retry-After', () => {
  it('fails with kind throttled and retryAfterMs, and holds the next call of the group until then', async () => {
    let t = Date.parse('2024-05-01T10:00:00Z');
    const { server, call, client } = await setup(
      (_req, reply) => reply.code(429).header('retry-after', '2').send({ message: 'slow down' }),
      {},
      () => t,
    );
    const err = await call().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'HTTP_429', kind: 'throttled', retriable: true, retryAfterMs: 2000 });
    expect(client.breakerState('api')).toBe('closed');

    server.handle(healthy);
    t += 1960; // 40 ms of the 2 s remain
    const next = call();
    await tick();
    await tick();
    expect(server.arrivals).toHaveLength(1); // still held back by the group's Retry-After gate
    await expect(next).resolves.toMatchObject({ status: 200 });
    expect(server.arrivals).toHaveLength(2);
  });

  it('parses Retry-After given as an HTTP date', async () => {
    const t = Date.parse('2024-05-01T10:00:00Z');
    const at = new Date(t + 3000).toUTCString();
    const { call } = await setup(
      (_req, reply) => reply.code(429).header('retry-after', at).send(''),
      {},
      () => t,
    );
    await expect(call()).rejects.toMatchObject({ code: 'HTTP_429', retryAfterMs: 3000 });
  });

  it('uses the group default when Retry-After is missing and caps huge values', async () => {
    const t = 1_000_000;
    const { call, server } = await setup(
      (_req, reply) => reply.code(429).send(''),
      { defaultRetryAfterMs: 50, maxRetryAfterMs: 100 },
      () => t,
    );
    await expect(call()).rejects.toMatchObject({ retryAfterMs: 50 });
    server.handle((_req, reply) => reply.code(429).header('retry-after', '3600').send(''));
    // the second call itself waits the 50 ms gate (real time, clock frozen) and then gets the capped value
    await expect(call()).rejects.toMatchObject({ retryAfterMs: 100 });
  });
});
