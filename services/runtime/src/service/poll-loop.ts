// The loop every poller runs: one pass, then the next after the interval (never two passes at once); a
// failed pass is reported and the next interval tries again; stop() waits for the pass in flight.
export type Schedule = (fn: () => void, ms: number) => { cancel(): void };

export const timerSchedule: Schedule = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(t) };
};

export interface PollLoopOptions {
  pass: () => Promise<unknown>;
  intervalMs: number;
  /** A pass that threw (M3, Magento or Kafka unavailable): log and count it; the loop goes on. */
  onError: (error: unknown) => void;
  /** Timer; tests inject their own. */
  schedule?: Schedule;
}

export interface PollLoop {
  start(): void;
  stop(): Promise<void>;
}

export function createPollLoop(o: PollLoopOptions): PollLoop {
  const schedule = o.schedule ?? timerSchedule;
  let timer: { cancel(): void } | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  function next(): void {
    if (stopped) return;
    timer = schedule(() => {
      running = o
        .pass()
        .catch(o.onError)
        .finally(() => {
          running = undefined;
          next();
        });
    }, o.intervalMs);
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      next();
    },
    async stop() {
      stopped = true;
      timer?.cancel();
      await running;
    },
  };
}
