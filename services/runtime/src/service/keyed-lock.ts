// Runs work for one key at a time, other keys in parallel: deliveries of one order (duplicates, webhook vs
// poller), BODs of one document, customer resolutions of one e-mail. A failed run does not stop the next one
// of its key; a key's entry is dropped once its last run settled, so the map holds only keys in flight.
export interface KeyedLock {
  run<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** Keys with a run in flight or queued (for tests and diagnostics). */
  readonly size: number;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, fn) {
      const prev = tails.get(key) ?? Promise.resolve();
      const next = prev.then(fn, fn);
      const tail = next.catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return next;
    },
    get size() {
      return tails.size;
    },
  };
}
