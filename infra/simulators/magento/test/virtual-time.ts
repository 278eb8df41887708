import { T0 } from './support';

/**
 * A clock and a `sleep` that only move when `run()` moves them: timers fire in time order, each after the
 * work they started has settled. With a fake `fetch`, hours of a retry schedule run in milliseconds.
 */
export function virtualTime(start = T0) {
  let t = start;
  const timers: Array<{ at: number; resolve: () => void }> = [];
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    now: () => t,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: t + ms, resolve })),
    /** Fires timers until none is left or the next one is more than `forMs` after the start. */
    async run(forMs = Number.POSITIVE_INFINITY): Promise<void> {
      await settle();
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at - start > forMs) return;
        timers.shift();
        t = Math.max(t, next.at);
        next.resolve();
        await settle();
      }
    },
  };
}

export interface FakeCall {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A `fetch` that answers `respond(n)` (n counts from 1) and keeps every request. */
export function fakeFetch(respond: (n: number) => { status: number; body?: unknown }) {
  const calls: FakeCall[] = [];
  const fetch: typeof globalThis.fetch = async (url, init) => {
    calls.push({
      url: url instanceof Request ? url.url : url.toString(),
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? init.body : '',
    });
    const r = respond(calls.length);
    return new Response(r.body === undefined ? null : JSON.stringify(r.body), { status: r.status });
  };
  return { calls, fetch };
}
