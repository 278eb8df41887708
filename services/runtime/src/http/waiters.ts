// Promises waiting for a group's breaker to close.
import type { BreakerState } from './types';

const asError = (reason: unknown): Error =>
  reason instanceof Error ? reason : new Error(`aborted: ${String(reason)}`);

interface Waiter {
  resolve: () => void;
  reject: (err: unknown) => void;
}

export function createBreakerWaiters() {
  const byGroup = new Map<string, Set<Waiter>>();
  return {
    wait(group: string, signal?: AbortSignal): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(asError(signal.reason));
        const set = byGroup.get(group) ?? new Set<Waiter>();
        byGroup.set(group, set);
        const onAbort = (): void => {
          set.delete(waiter);
          reject(asError(signal?.reason));
        };
        const waiter: Waiter = {
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
          reject,
        };
        set.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    notify(group: string, state: BreakerState): void {
      if (state !== 'closed') return;
      const set = byGroup.get(group);
      byGroup.delete(group);
      for (const w of set ?? []) w.resolve();
    },
    rejectAll(err: unknown): void {
      for (const set of byGroup.values()) for (const w of set) w.reject(err);
      byGroup.clear();
    },
  };
}
