import type { DeliveryOptions, DeliveryMode } from './subscribers';

/**
 * How each sender retries, as data. Sources:
 * - Adobe Commerce webhooks are synchronous and never redelivered: one call, inside the store action
 *   (FORMAT-NOTES 46; developer.adobe.com/commerce/extensibility/webhooks/responses).
 * - Adobe I/O Events retries each delivery for up to 24 h; the first retry after 1 min, the gap doubling up to
 *   15 min (1m, 2m, 4m, 8m, 15m, 15m, …); each retry carries `x-adobe-retry-count`; 10 s timeout per attempt,
 *   connection included. Only 429 and 5xx except 505 (and timeouts / refused connections) are retried; other
 *   statuses fail at once (FORMAT-NOTES 47; developer.adobe.com/events/docs/common/retry-doc).
 * - The generic webhook keeps the simulator's own backoff (`retryBackoffMs` doubled, 5 attempts by default).
 * `timeScale` multiplies the I/O Events schedule and windows (1 = real time; 0.001 turns a minute into 60 ms).
 */
export const IO_EVENTS = {
  firstRetryMs: 60_000,
  maxGapMs: 15 * 60_000,
  retryWindowMs: 24 * 3600_000,
  timeoutMs: 10_000,
  retryCountHeader: 'x-adobe-retry-count',
} as const;

const GENERIC_MAX_ATTEMPTS = 5;
const DEFAULT_TIMEOUT_MS = 5000;

/** An attempt's result as the policy sees it: an HTTP status, or no answer at all (timeout, refused). */
export type AttemptResult = { status: number } | { error: string };

export const ioRetryable = (r: AttemptResult): boolean =>
  'error' in r || r.status === 429 || (r.status >= 500 && r.status <= 599 && r.status !== 505);

export function timeoutFor(mode: DeliveryMode, d: DeliveryOptions): number {
  return d.timeoutMs ?? (mode === 'io-events' ? IO_EVENTS.timeoutMs : DEFAULT_TIMEOUT_MS);
}

/**
 * The wait before the next attempt after `attempt` failed (attempts count from 1), or undefined when the
 * sender gives up. `elapsedMs` is the time since the first attempt. `maxAttempts`, when set, caps
 * I/O Events and generic deliveries (a test knob); it never makes Commerce webhooks retry.
 */
export function nextDelayMs(
  mode: DeliveryMode,
  d: DeliveryOptions,
  attempt: number,
  result: AttemptResult,
  elapsedMs: number,
): number | undefined {
  if (mode === 'commerce-webhook') return undefined;
  if (mode === 'generic-webhook') {
    return attempt < (d.maxAttempts ?? GENERIC_MAX_ATTEMPTS) ? d.retryBackoffMs * 2 ** (attempt - 1) : undefined;
  }
  if (!ioRetryable(result) || (d.maxAttempts !== undefined && attempt >= d.maxAttempts)) return undefined;
  const delay = Math.min(IO_EVENTS.firstRetryMs * 2 ** (attempt - 1), IO_EVENTS.maxGapMs) * d.timeScale;
  return elapsedMs + delay <= IO_EVENTS.retryWindowMs * d.timeScale ? delay : undefined;
}
