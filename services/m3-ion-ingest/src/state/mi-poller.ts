// The loop of every MI poller of this service: a pass each interval (the runtime's poll loop); a pass that
// fails (M3 or Kafka unavailable) is counted as `unavailable`, logged once and repeated at the next interval.
import { classify, createPollLoop, type Logger, type Schedule } from '@m3mage/runtime';

export interface Poller<R = unknown> {
  pollOnce(): Promise<R>;
  start(): void;
  stop(): Promise<void>;
}

export interface MiPollerOptions<R> {
  /** e.g. `item`, `stock` (log lines). */
  what: string;
  pass: () => Promise<R>;
  intervalMs: number;
  count: (outcome: string) => void;
  logger: Logger;
  schedule?: Schedule;
}

export function miPoller<R>(o: MiPollerOptions<R>): Poller<R> {
  const loop = createPollLoop({
    pass: o.pass,
    intervalMs: o.intervalMs,
    onError: (e) => {
      o.count('unavailable');
      o.logger.warn({ err: classify(e) }, `${o.what} poll pass failed; retried next interval`);
    },
    ...(o.schedule ? { schedule: o.schedule } : {}),
  });
  return { pollOnce: o.pass, start: () => loop.start(), stop: () => loop.stop() };
}
