// breakerPauseSignal against the runtime HTTP client's breakers (a local server that fails): which errors
// pause a partition, and until when — the breaker of the error's group half-open, every open breaker when the
// error names none, at least the minimum pause, a probe delay for BREAKER_OPEN of an unknown group.
import { describe, expect, it } from 'vitest';
import { AppError, type HttpClient } from '../../src/core';
import { breakerPauseSignal } from '../../src/kafka/pause-signal';
import { cleanupAfterEach } from '../../../../test/support/cleanup';
import { makeClient } from '../core/support/client';
import { startTestServer } from '../core/support/test-server';
import { tick, waitFor } from '../core/support/wait-for';

const cleanup = cleanupAfterEach();

const breaker = (resetTimeoutMs: number) => ({
  volumeThreshold: 2,
  errorThresholdPercentage: 50,
  resetTimeoutMs,
  rollingCountTimeoutMs: 5000,
});

/** A client with two endpoint groups on a server that answers 503: `slow` stays open longer than `fast`. */
async function setup(): Promise<{ client: HttpClient; trip: (group: string) => Promise<AppError> }> {
  const server = await startTestServer((_req, reply) => reply.code(503).send({ error: 'down' }));
  cleanup.push(() => server.close());
  const { client } = makeClient({
    groups: {
      slow: { baseUrl: server.url, breaker: breaker(400) },
      fast: { baseUrl: server.url, breaker: breaker(100) },
    },
  });
  cleanup.push(() => client.close());
  const call = (group: string) =>
    client.request({ group, operation: 'op', method: 'GET', path: '/' }).then(
      () => {
        throw new Error('the server should fail');
      },
      (e: unknown) => e as AppError,
    );
  return {
    client,
    async trip(group) {
      while (client.breakerState(group) !== 'open') await call(group);
      return call(group); // BREAKER_OPEN, naming the group
    },
  };
}

/** Whether a pause promise has resolved yet. */
function watch(p: Promise<void> | undefined) {
  expect(p).toBeInstanceOf(Promise);
  const state = { resolved: false };
  void p!.then(() => (state.resolved = true));
  return state;
}

const outage = (group?: string) =>
  new AppError('HTTP_5XX', 'answered HTTP 503', { details: group ? { group, status: 503 } : { status: 503 } });

describe('breaker pause signal', () => {
  it('pauses on BREAKER_OPEN until the breaker of its group is half-open, not when another group’s is', async () => {
    const { client, trip } = await setup();
    const refused = await trip('slow');
    await trip('fast');
    expect(refused).toMatchObject({ code: 'BREAKER_OPEN', details: { group: 'slow' } });
    const paused = watch(breakerPauseSignal(client, { minPauseMs: 1 }).match(refused));
    await waitFor(() => client.breakerState('fast') === 'half-open', 'fast half-open');
    await tick();
    expect(paused.resolved).toBe(false);
    await waitFor(() => client.breakerState('slow') === 'half-open', 'slow half-open');
    await waitFor(() => paused.resolved, 'the pause to end');
  });

  it('pauses on a transient failure of a group whose breaker is open, and not on one whose breaker is closed', async () => {
    const { client, trip } = await setup();
    await trip('fast');
    const signal = breakerPauseSignal(client, { minPauseMs: 1 });
    expect(signal.match(outage('slow'))).toBeUndefined();
    for (const code of ['HTTP_TIMEOUT', 'HTTP_CONNECTION'] as const) {
      expect(signal.match(new AppError(code, 'x', { details: { group: 'fast' } }))).toBeInstanceOf(Promise);
    }
    const paused = watch(signal.match(outage('fast')));
    await tick();
    expect(paused.resolved).toBe(false);
    await waitFor(() => paused.resolved, 'the pause to end');
    expect(client.breakerState('fast')).toBe('half-open');
  });

  it('pauses a transient failure of no known group until every open breaker is half-open', async () => {
    const { client, trip } = await setup();
    const signal = breakerPauseSignal(client, { minPauseMs: 1 });
    expect(signal.match(outage())).toBeUndefined();
    await trip('slow');
    await trip('fast');
    const paused = watch(signal.match(outage()));
    await waitFor(() => client.breakerState('fast') === 'half-open', 'fast half-open');
    await tick();
    expect(paused.resolved).toBe(false);
    await waitFor(() => paused.resolved, 'the pause to end');
    expect(client.breakerState('slow')).toBe('half-open');
  });

  it('does not pause for an error that is not an outage, even while a breaker is open', async () => {
    const { client, trip } = await setup();
    await trip('fast');
    const signal = breakerPauseSignal(client);
    expect(signal.match(new AppError('MAGENTO_VALIDATION', 'refused', { details: { group: 'fast' } }))).toBeUndefined();
    expect(signal.match(new AppError('VALIDATION', 'bad'))).toBeUndefined();
  });

  it('finds the group with groupOf when one is given', async () => {
    const { client, trip } = await setup();
    await trip('fast');
    const signal = breakerPauseSignal(client, { minPauseMs: 1, groupOf: (e) => e.details?.['endpoint'] as string });
    expect(
      signal.match(new AppError('HTTP_5XX', 'x', { details: { group: 'slow', endpoint: 'fast' } })),
    ).toBeInstanceOf(Promise);
    expect(
      signal.match(new AppError('HTTP_5XX', 'x', { details: { group: 'fast', endpoint: 'slow' } })),
    ).toBeUndefined();
  });

  it('pauses at least the minimum, 250 ms by default, when the breaker is no longer open', async () => {
    const { client } = await setup();
    const refused = new AppError('BREAKER_OPEN', 'open', { details: { group: 'slow' } });
    for (const [opts, least] of [
      [{ minPauseMs: 60 }, 60],
      [{}, 250],
    ] as const) {
      const started = Date.now();
      await breakerPauseSignal(client, opts).match(refused);
      expect(Date.now() - started).toBeGreaterThanOrEqual(least - 5);
      expect(Date.now() - started).toBeLessThan(least + 200);
    }
  });

  it('pauses BREAKER_OPEN of no known group for the probe delay, then lets the next call probe', async () => {
    const { client } = await setup();
    const started = Date.now();
    await breakerPauseSignal(client, { minPauseMs: 1, probeAfterMs: 80 }).match(new AppError('BREAKER_OPEN', 'open'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(75);
  });
});
