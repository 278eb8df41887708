// A FIFO semaphore: at most `max` holders; the rest wait in arrival order.
export interface Limiter {
  acquire(): Promise<() => void>;
  readonly inFlight: number;
  readonly queued: number;
}

export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxInFlight must be a positive integer, got ${max}`);
  let active = 0;
  const waiters: (() => void)[] = [];
  const release = (): void => {
    const next = waiters.shift();
    if (next) next();
    else active -= 1;
  };
  const once = (): (() => void) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      release();
    };
  };
  return {
    acquire() {
      if (active < max) {
        active += 1;
        return Promise.resolve(once());
      }
      return new Promise((resolve) => waiters.push(() => resolve(once())));
    },
    get inFlight() {
      return active;
    },
    get queued() {
      return waiters.length;
    },
  };
}
