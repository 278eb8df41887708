// Runs items concurrently up to `maxInFlight`, strictly one at a time and in order per key.
// Keys become runnable in the order their head item arrived, so scheduling follows offset order.
export interface KeySchedulerOptions<T> {
  maxInFlight: number;
  /** null keys carry no ordering promise: each such item is its own lane. */
  keyOf(item: T): string | null;
  run(item: T): Promise<void>;
  /** Asked before each start; false freezes that item's key (it and its successors stay unfinished). */
  mayStart(item: T): boolean;
}

/** Resolves when every started item has finished and nothing more may start. `run` must not reject. */
export function runKeyOrdered<T>(items: readonly T[], opts: KeySchedulerOptions<T>): Promise<void> {
  const lanes = new Map<string | symbol, T[]>();
  const ready: (string | symbol)[] = [];
  for (const item of items) {
    const key = opts.keyOf(item) ?? Symbol('no-key');
    const lane = lanes.get(key);
    if (lane) lane.push(item);
    else {
      lanes.set(key, [item]);
      ready.push(key);
    }
  }

  return new Promise<void>((resolve) => {
    let inFlight = 0;

    const pump = (): void => {
      while (inFlight < opts.maxInFlight && ready.length > 0) {
        const key = ready.shift() as string | symbol;
        const lane = lanes.get(key) as T[];
        const item = lane[0] as T;
        if (!opts.mayStart(item)) continue; // frozen: the key's items stay unfinished
        lane.shift();
        inFlight += 1;
        void opts.run(item).finally(() => {
          inFlight -= 1;
          if (lane.length > 0) ready.push(key);
          else lanes.delete(key);
          pump();
        });
      }
      if (inFlight === 0 && ready.length === 0) resolve();
    };
    pump();
  });
}
