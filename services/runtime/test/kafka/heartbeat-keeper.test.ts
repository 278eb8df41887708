// startHeartbeats: a heartbeat per interval while handlers run, never two at once, errors reported, and no
// heartbeat (one stall report) while the oldest handler has run longer than maxHandlerMs.
import { describe, expect, it } from 'vitest';
import { startHeartbeats } from '../../src/kafka/heartbeat-keeper';
import { waitFor } from '../core/support/wait-for';

function keeper(opts: { oldest?: () => number | undefined; heartbeat?: () => Promise<void>; now?: () => number }) {
  const seen = { beats: 0, errors: [] as unknown[], stalls: [] as number[] };
  const k = startHeartbeats({
    intervalMs: 5,
    maxHandlerMs: 1_000,
    heartbeat:
      opts.heartbeat ??
      (async () => {
        seen.beats += 1;
      }),
    oldestInFlightSince: opts.oldest ?? (() => undefined),
    onError: (e) => void seen.errors.push(e),
    onStall: (age) => void seen.stalls.push(age),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return { k, seen };
}

describe('heartbeat keeper', () => {
  it('heartbeats every interval until stopped', async () => {
    const { k, seen } = keeper({});
    await waitFor(() => seen.beats >= 3, 'three heartbeats');
    k.stop();
    const beats = seen.beats;
    await new Promise((r) => setTimeout(r, 30));
    expect(seen.beats).toBe(beats);
  });

  it('sends no heartbeat while the previous one is still out', async () => {
    let calls = 0;
    let answer!: () => void;
    const { k } = keeper({
      heartbeat: () => {
        calls += 1;
        return new Promise<void>((r) => (answer = r));
      },
    });
    await waitFor(() => calls === 1, 'a heartbeat');
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(1);
    answer();
    await waitFor(() => calls === 2, 'the next heartbeat');
    k.stop();
  });

  it('reports a heartbeat that failed and goes on', async () => {
    let calls = 0;
    const failure = new Error('coordinator away');
    const { k, seen } = keeper({
      heartbeat: async () => {
        calls += 1;
        if (calls === 1) throw failure;
      },
    });
    await waitFor(() => calls >= 2, 'a heartbeat after the failure');
    k.stop();
    expect(seen.errors).toEqual([failure]);
  });

  it('stops heartbeating, reporting the stall once, while a handler runs longer than maxHandlerMs; resumes after', async () => {
    let clock = 10_000;
    let oldest: number | undefined = 10_000 - 999;
    const { k, seen } = keeper({ now: () => clock, oldest: () => oldest });
    await waitFor(() => seen.beats >= 1, 'a heartbeat within maxHandlerMs');
    clock += 2; // the handler has now run 1001 ms
    const beats = seen.beats;
    await new Promise((r) => setTimeout(r, 30));
    expect(seen.beats).toBe(beats);
    expect(seen.stalls).toEqual([1001]);
    oldest = undefined; // it finished
    await waitFor(() => seen.beats > beats, 'heartbeats again');
    oldest = clock - 5_000;
    await waitFor(() => seen.stalls.length === 2, 'a second stall reported');
    k.stop();
    expect(seen.stalls).toEqual([1001, 5000]);
  });
});
