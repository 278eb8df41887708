// Pause signals: errors meaning "the dependency is down, wait" rather than "this message failed".
import type { AppError } from '../core';
import type { PauseSignal } from './handler';

type State = 'closed' | 'open' | 'half-open';

/** What the breaker-guarded HTTP client (http/) offers; an HttpClient fits. */
export interface BreakerStates {
  breakerState(group: string): State;
  onBreakerChange(listener: (group: string, state: State) => void): () => void;
  groups(): string[];
}

export interface BreakerPauseOptions {
  /** The endpoint group an error came from (default: `details.group`). */
  groupOf?(error: AppError): string | undefined;
  /** Shortest pause, so a half-open breaker is not hammered by put-back messages (default 250 ms). */
  minPauseMs?: number;
  /** BREAKER_OPEN without a known group: resume after this long and let the next call probe (default 1 s). */
  probeAfterMs?: number;
}

/** Transient failures that, while a breaker of ours is open, mean "outage" rather than "this message". */
const OUTAGE_CODES = new Set(['HTTP_5XX', 'HTTP_TIMEOUT', 'HTTP_CONNECTION']);

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves when the group's breaker is half-open (a trial call may pass) or closed. */
function whenNotOpen(breakers: BreakerStates, group: string): Promise<void> {
  if (breakers.breakerState(group) !== 'open') return Promise.resolve();
  return new Promise((resolve) => {
    const off = breakers.onBreakerChange((g, state) => {
      if (g !== group || state === 'open') return;
      off();
      resolve();
    });
  });
}

/**
 * BREAKER_OPEN errors — and transient HTTP failures while one of the client's breakers is open (the call
 * that tripped it, or a failed half-open trial) — pause the partition until the breaker is half-open or
 * closed. Nothing is retried or dead-lettered because of an outage.
 */
export function breakerPauseSignal(breakers: BreakerStates, opts: BreakerPauseOptions = {}): PauseSignal {
  const groupOf = (e: AppError): string | undefined => {
    if (opts.groupOf) return opts.groupOf(e);
    const g = e.details?.group;
    return typeof g === 'string' ? g : undefined;
  };
  const atLeast = (p: Promise<unknown>): Promise<void> =>
    Promise.all([p, sleep(opts.minPauseMs ?? 250)]).then(() => undefined);

  return {
    match(error) {
      const named = groupOf(error);
      if (error.code === 'BREAKER_OPEN') {
        return atLeast(named !== undefined ? whenNotOpen(breakers, named) : sleep(opts.probeAfterMs ?? 1000));
      }
      if (!OUTAGE_CODES.has(error.code)) return undefined;
      const open = (named !== undefined ? [named] : breakers.groups()).filter(
        (g) => breakers.breakerState(g) === 'open',
      );
      if (open.length === 0) return undefined;
      return atLeast(Promise.all(open.map((g) => whenNotOpen(breakers, g))));
    },
  };
}
