// Sending a call again after a transient failure: jittered exponential backoff inside a budget. Used by the
// HTTP client for calls marked `repeatable` (safe to send twice) and by handlers that resume a multi-step
// operation in place. Only failures meaning "the endpoint is unwell" (5xx, timeout, connection reset) are
// repeated; an open breaker stops the loop at once (the consumer's pause signal takes over from there).
import { AppError } from '../errors/app-error';
import type { ErrorCode } from '../errors/catalogue';
import { classify } from '../errors/classify';

export interface RepeatPolicy {
  /** Sends after the first one; 0 = never repeat. */
  retries: number;
  /** First backoff ceiling; doubles per retry up to maxDelayMs ("full jitter": a uniform pick below it). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** No new send starts later than this after the first one (retries may end earlier). */
  budgetMs: number;
}

export const DEFAULT_REPEAT_POLICY: Readonly<RepeatPolicy> = Object.freeze({
  retries: 3,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  budgetMs: 10_000,
});

/** Failures after which the same call may succeed when sent again. */
export const REPEATABLE_FAILURES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'HTTP_5XX',
  'HTTP_TIMEOUT',
  'HTTP_CONNECTION',
]);

export const isRepeatableFailure = (err: unknown): boolean =>
  err instanceof AppError && REPEATABLE_FAILURES.has(err.code);

/** Backoff before retry `n` (1-based): uniform in [0, min(max, base · 2^(n-1))]. */
export function backoffMs(n: number, policy: Pick<RepeatPolicy, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random) {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, n - 1));
  return Math.floor(random() * ceiling);
}

export interface RepeatOptions {
  policy: RepeatPolicy;
  /** Default: isRepeatableFailure. */
  shouldRepeat?: (err: AppError) => boolean;
  /** Called before each retry (metrics, logs). */
  onRepeat?: (err: AppError, retry: number, delayMs: number) => void;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn` until it succeeds, fails with something not repeatable, or the retries or budget run out. */
export async function withRepeats<T>(fn: (send: number) => Promise<T>, opts: RepeatOptions): Promise<T> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const should = opts.shouldRepeat ?? isRepeatableFailure;
  const started = now();
  for (let send = 1; ; send += 1) {
    try {
      return await fn(send);
    } catch (e) {
      const err = classify(e);
      const retry = send;
      if (retry > opts.policy.retries || !should(err)) throw err;
      const delay = backoffMs(retry, opts.policy, opts.random);
      if (now() + delay - started > opts.policy.budgetMs) throw err;
      opts.onRepeat?.(err, retry, delay);
      await sleep(delay);
    }
  }
}
