import type { BodSubscriber } from './delivery-options';
import type { Bod } from './document';
import { encodeBod } from './envelope';
import type { BodLogEntry } from './publisher';

export type Transport = (url: string, init: { headers: Record<string, string>; body: string }) => Promise<number>;

export interface Job {
  bod: Bod;
  entry: BodLogEntry;
  subscriber: BodSubscriber;
}

export interface RetryPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export function subscriberHeaders(subscriber: BodSubscriber, contentType: string): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': contentType, ...subscriber.headers };
  if (subscriber.auth && 'bearer' in subscriber.auth) headers.authorization = `Bearer ${subscriber.auth.bearer}`;
  if (subscriber.auth && 'basic' in subscriber.auth) {
    const { user, password } = subscriber.auth.basic;
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  }
  return headers;
}

/** POSTs one BOD, retrying non-2xx and network errors with exponential backoff; updates the log entry. */
export async function deliver(
  { bod, entry, subscriber }: Job,
  retry: RetryPolicy,
  transport: Transport,
  sleep: (ms: number) => Promise<void>,
  now: () => number,
): Promise<void> {
  const { contentType, body } = encodeBod(bod, subscriber.format ?? 'xml');
  const headers = subscriberHeaders(subscriber, contentType);
  while (entry.attempts < retry.maxAttempts) {
    entry.attempts++;
    try {
      const status = await transport(subscriber.url, { headers, body });
      entry.lastHttpStatus = status;
      if (status >= 200 && status < 300) {
        entry.status = 'delivered';
        entry.deliveredAt = now();
        return;
      }
    } catch (err) {
      entry.lastError = err instanceof Error ? err.message : String(err);
    }
    if (entry.attempts < retry.maxAttempts)
      await sleep(Math.min(retry.maxMs, retry.baseMs * 2 ** (entry.attempts - 1)));
  }
  entry.status = 'failed';
}
