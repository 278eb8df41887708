// Many handlers' items in one outbound call: each add() waits until its batch is flushed — when `maxItems`
// are queued, when no item joined for `idleMs`, or `maxWaitMs` after the first one — and resolves with its
// own item's result. Flushes run one
// at a time, so a slow target gets larger batches rather than more concurrent calls. Used where the target
// system takes many records per request (Magento source items). `createUnbatched` is the same contract with
// no batching at all, the naive mode's (pipeline-mode.ts): services get either from `ctx.microBatcher`.

export interface MicroBatcherOptions<T, R> {
  /** Items per flush (the target's per-request limit). */
  maxItems: number;
  /** How long the first item of a batch waits for others, at most. */
  maxWaitMs: number;
  /**
   * A batch also goes when no item joined it for this long (default 10 ms): callers that are all waiting on
   * their batch (a consumer at its in-flight limit) add nothing more, so waiting the full maxWaitMs is lost.
   */
  idleMs?: number;
  /** Returns one result per item, in order; a throw fails every item of the batch. */
  flush(items: T[]): Promise<R[]>;
}

export interface MicroBatcher<T, R> {
  add(item: T): Promise<R>;
  /** Items queued or being flushed. */
  pending(): number;
  /** Flushes what is queued now (on shutdown). */
  drain(): Promise<void>;
}

/** What the service context offers (`ctx.microBatcher`): a micro-batcher that follows PIPELINE_MODE. */
export type MicroBatcherFactory = <T, R>(opts: MicroBatcherOptions<T, R>) => MicroBatcher<T, R>;

interface Waiting<T, R> {
  item: T;
  resolve(r: R): void;
  reject(e: unknown): void;
}

export function createMicroBatcher<T, R>(opts: MicroBatcherOptions<T, R>): MicroBatcher<T, R> {
  if (!Number.isInteger(opts.maxItems) || opts.maxItems < 1)
    throw new RangeError('maxItems must be a positive integer');
  const queue: Waiting<T, R>[] = [];
  let timer: NodeJS.Timeout | undefined;
  let idle: NodeJS.Timeout | undefined;
  const idleMs = Math.min(opts.idleMs ?? 10, opts.maxWaitMs);
  let flushing: Promise<void> = Promise.resolve();
  let inFlight = 0;

  const runOne = async (batch: Waiting<T, R>[]): Promise<void> => {
    inFlight += batch.length;
    try {
      const results = await opts.flush(batch.map((w) => w.item));
      if (results.length !== batch.length)
        throw new Error(`flush returned ${results.length} results for ${batch.length} items`);
      batch.forEach((w, i) => w.resolve(results[i] as R));
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      inFlight -= batch.length;
    }
  };

  const flushNow = (): Promise<void> => {
    clearTimeout(timer);
    clearTimeout(idle);
    timer = undefined;
    idle = undefined;
    flushing = flushing.then(async () => {
      // Whatever queued while the previous flush ran goes together, in chunks of maxItems.
      while (queue.length > 0) await runOne(queue.splice(0, opts.maxItems));
    });
    return flushing;
  };

  return {
    add(item) {
      return new Promise<R>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length >= opts.maxItems) return void flushNow();
        timer ??= setTimeout(() => void flushNow(), opts.maxWaitMs);
        clearTimeout(idle);
        idle = setTimeout(() => void flushNow(), idleMs);
      });
    },
    pending: () => queue.length + inFlight,
    drain: () => flushNow(),
  };
}

/**
 * Every item flushed alone (maxItems 1, no wait), at once, not behind other flushes: the one-call-per-item
 * baseline of PIPELINE_MODE=naive. How many run together is the callers' concurrency (a consumer's in-flight).
 */
export function createUnbatched<T, R>(flush: MicroBatcherOptions<T, R>['flush']): MicroBatcher<T, R> {
  const running = new Set<Promise<void>>();
  return {
    add(item) {
      const result = (async () => {
        const results = await flush([item]);
        if (results.length !== 1) throw new Error(`flush returned ${results.length} results for 1 item`);
        return results[0] as R;
      })();
      const settled = result.then(
        () => undefined,
        () => undefined,
      );
      running.add(settled);
      void settled.then(() => running.delete(settled));
      return result;
    },
    pending: () => running.size,
    async drain() {
      await Promise.all([...running]);
    },
  };
}
