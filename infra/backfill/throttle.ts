// Live traffic first (docs/adr/0017-backfills.md): a backfill produces into the same change topics as live
// changes, so it must never put more in front of them than the pipeline clears quickly.
// - rate budget: at most `rate` records per second (a token bucket one second deep);
// - lag bound: before each page, the records the change topic's consumer groups still have to read; above
//   `maxLag` the backfill waits until they caught up, so a live change waits behind at most `maxLag` records.
export type Sleep = (ms: number) => Promise<void>;
export const sleep: Sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export interface RateBudget {
  /** Resolves when `n` more records may be produced. */
  take(n: number): Promise<void>;
}

export function rateBudget(perSecond: number, now: () => number = Date.now, wait: Sleep = sleep): RateBudget {
  let tokens = perSecond;
  let at = now();
  const refill = () => {
    const t = now();
    tokens = Math.min(perSecond, tokens + ((t - at) * perSecond) / 1000);
    at = t;
  };
  return {
    async take(n) {
      let left = n;
      while (left > 0) {
        refill();
        const step = Math.min(left, perSecond);
        if (tokens >= step) {
          tokens -= step;
          left -= step;
          continue;
        }
        await wait(Math.ceil(((step - tokens) * 1000) / perSecond));
      }
    },
  };
}

export interface LagGate {
  /** Resolves once the consumers' lag on the topic is at most the bound; reports each wait. */
  pass(): Promise<void>;
}

export interface LagGateOptions {
  /** Records not yet committed by the slowest consumer group of the change topic. */
  lag: () => Promise<number>;
  maxLag: number;
  onWait?: (lag: number) => void;
  wait?: Sleep;
  /** Between two lag reads while waiting (default 500 ms). */
  pollMs?: number;
}

export function lagGate(o: LagGateOptions): LagGate {
  const wait = o.wait ?? sleep;
  return {
    async pass() {
      for (;;) {
        const lag = await o.lag();
        if (lag <= o.maxLag) return;
        o.onWait?.(lag);
        await wait(o.pollMs ?? 500);
      }
    },
  };
}
