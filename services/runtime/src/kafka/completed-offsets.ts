// Offsets this process finished above the committed point. When a partition's batch stops early (pause,
// rebalance) the unfinished tail is fetched again; messages already finished in it are skipped, not re-run.
// It also knows the runs still going: a handler abandoned by a batch that stopped at the drain deadline
// keeps running, and a later batch must wait for it rather than start the same record a second time.
export interface CompletedOffsets {
  /** The unfinished run of this record started by an earlier batch, if any. */
  running<T>(topic: string, partition: number, offset: string): Promise<T> | undefined;
  /** Registers a run until it settles. */
  track<T>(topic: string, partition: number, offset: string, run: Promise<T>): Promise<T>;
  add(topic: string, partition: number, offset: string): void;
  has(topic: string, partition: number, offset: string): boolean;
  /** Forget everything below the committed offset. */
  prune(topic: string, partition: number, committed: string): void;
}

export function createCompletedOffsets(): CompletedOffsets {
  const sets = new Map<string, Set<bigint>>();
  const runs = new Map<string, Promise<unknown>>();
  const runId = (topic: string, partition: number, offset: string): string =>
    `${topic}\u0000${partition}\u0000${offset}`;
  const setOf = (topic: string, partition: number): Set<bigint> => {
    const id = `${topic}\u0000${partition}`;
    let s = sets.get(id);
    if (!s) sets.set(id, (s = new Set()));
    return s;
  };
  return {
    running: <T>(topic: string, partition: number, offset: string) =>
      runs.get(runId(topic, partition, offset)) as Promise<T> | undefined,
    track<T>(topic: string, partition: number, offset: string, run: Promise<T>): Promise<T> {
      const id = runId(topic, partition, offset);
      runs.set(id, run);
      const forget = (): void => {
        if (runs.get(id) === run) runs.delete(id);
      };
      run.then(forget, forget);
      return run;
    },
    add: (topic, partition, offset) => void setOf(topic, partition).add(BigInt(offset)),
    has: (topic, partition, offset) => setOf(topic, partition).has(BigInt(offset)),
    prune(topic, partition, committed) {
      const s = setOf(topic, partition);
      const c = BigInt(committed);
      for (const o of s) if (o < c) s.delete(o);
    },
  };
}
