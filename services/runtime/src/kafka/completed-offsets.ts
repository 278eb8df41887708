// Offsets this process finished above the committed point. When a partition's batch stops early (pause,
// rebalance) the unfinished tail is fetched again; messages already finished in it are skipped, not re-run.
export interface CompletedOffsets {
  add(topic: string, partition: number, offset: string): void;
  has(topic: string, partition: number, offset: string): boolean;
  /** Forget everything below the committed offset. */
  prune(topic: string, partition: number, committed: string): void;
}

export function createCompletedOffsets(): CompletedOffsets {
  const sets = new Map<string, Set<bigint>>();
  const setOf = (topic: string, partition: number): Set<bigint> => {
    const id = `${topic}\u0000${partition}`;
    let s = sets.get(id);
    if (!s) sets.set(id, (s = new Set()));
    return s;
  };
  return {
    add: (topic, partition, offset) => void setOf(topic, partition).add(BigInt(offset)),
    has: (topic, partition, offset) => setOf(topic, partition).has(BigInt(offset)),
    prune(topic, partition, committed) {
      const s = setOf(topic, partition);
      const c = BigInt(committed);
      for (const o of s) if (o < c) s.delete(o);
    },
  };
}
