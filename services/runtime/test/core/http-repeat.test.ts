import { describe, expect, it } from 'vitest';
import { AppError, backoffMs, withRepeats } from '../../src/core';
import { makeClient } from './support/client';
import { startTestServer } from './support/test-server';
import { cleanupAfterEach } from '../../../../test/support/cleanup';

const cleanup = cleanupAfterEach();

/** A server failing the first `failures` calls with `status`, then answering { ok: n }. */
async function flakyServer(failures: number, status = 500) {
  let n = 0;
  const server = await startTestServer((_req, reply) => {
    n += 1;
    return n <= failures ? reply.code(status).send({ message: 'gateway trouble' }) : Promise.resolve({ ok: n });
  });
  cleanup.push(() => server.close());
  const made = makeClient({
    groups: { api: { baseUrl: server.url, repeat: { retries: 3, baseDelayMs: 1, maxDelayMs: 5, budgetMs: 5_000 } } },
    random: () => 0.5,
  });
  cleanup.push(() => made.client.close());
  return { server, ...made };
}

const retries = async (metrics: ReturnType<typeof makeClient>['metrics']) =>
  (await metrics.externalCallRetries.get()).values.map((v) => ({ labels: v.labels, value: v.value }));

describe('http client: repeatable calls', () => {
  it('sends a repeatable call again after 5xx answers and counts each repeat', async () => {
    const { client, server, metrics } = await flakyServer(2);
    const res = await client.request<{ ok: number }>({
      group: 'api',
      operation: 'MMS200MI/GetItmBasic',
      method: 'GET',
      path: '/x',
      repeatable: true,
    });
    expect(res.body).toEqual({ ok: 3 });
    expect(server.arrivals).toHaveLength(3);
    expect(await retries(metrics)).toEqual([
      { labels: { system: 'test', operation: 'MMS200MI/GetItmBasic', code: 'HTTP_5XX' }, value: 2 },
    ]);
  });

  it('never repeats a call that is not marked repeatable (it may create something twice)', async () => {
    const { client, server, metrics } = await flakyServer(1);
    const err = await client
      .request({ group: 'api', operation: 'OIS100MI/AddBatchHead', method: 'GET', path: '/x' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'HTTP_5XX', retriable: true });
    expect(server.arrivals).toHaveLength(1);
    expect(await retries(metrics)).toEqual([]);
  });

  it('gives up after the policy retries with the last error, each send counted', async () => {
    const { client, server } = await flakyServer(10);
    const err = await client
      .request({ group: 'api', operation: 'read', method: 'GET', path: '/x', repeatable: true })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'HTTP_5XX', details: { sends: 4 } });
    expect(server.arrivals).toHaveLength(4);
  });

  it('does not repeat answers that are not failures of the endpoint (4xx)', async () => {
    const { client, server } = await flakyServer(1, 404);
    const err = await client
      .request({ group: 'api', operation: 'read', method: 'GET', path: '/x', repeatable: true })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'HTTP_4XX' });
    expect(server.arrivals).toHaveLength(1);
  });
});

describe('withRepeats', () => {
  const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1_000, budgetMs: 10_000 };

  it('backs off with full jitter, doubling up to the ceiling', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, policy, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffMs(3, policy, () => 0)).toBe(0);
  });

  it('stops at once on a failure that is not repeatable (an open breaker, a NOK)', async () => {
    let sends = 0;
    const err = await withRepeats(
      () => {
        sends += 1;
        return Promise.reject(new AppError('BREAKER_OPEN', 'open'));
      },
      { policy, sleep: () => Promise.resolve() },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'BREAKER_OPEN' });
    expect(sends).toBe(1);
  });

  it('starts no send past the budget', async () => {
    let clock = 0;
    const slept: number[] = [];
    let sends = 0;
    const err = await withRepeats(
      () => {
        sends += 1;
        clock += 4_000; // each send takes 4 s
        return Promise.reject(new AppError('HTTP_TIMEOUT', 'slow'));
      },
      {
        policy,
        now: () => clock,
        random: () => 0.5,
        sleep: (ms) => {
          slept.push(ms);
          clock += ms;
          return Promise.resolve();
        },
      },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'HTTP_TIMEOUT' });
    expect(sends).toBe(3); // the fourth send would start past 10 s
    expect(slept).toEqual([50, 100]);
  });
});
