// Which offset of a partition may be committed: the lowest offset not yet finished (Kafka commits the
// next offset to read). Messages finished out of order never move the commit past an unfinished one.
export interface OffsetTracker {
  finish(offset: string): void;
  /** The offset to commit now (first unfinished, or last + 1 when all are finished). */
  committable(): string;
  allFinished(): boolean;
}

export function createOffsetTracker(offsets: readonly string[]): OffsetTracker {
  const order = offsets.map((o) => BigInt(o));
  const finished = new Set<bigint>();
  let low = 0; // index of the first unfinished offset

  const advance = (): void => {
    while (low < order.length && finished.has(order[low] as bigint)) low += 1;
  };

  return {
    finish(offset) {
      finished.add(BigInt(offset));
      advance();
    },
    committable() {
      const next = order[low];
      if (next !== undefined) return String(next);
      const last = order[order.length - 1];
      return last === undefined ? '0' : String(last + 1n);
    },
    allFinished: () => low >= order.length,
  };
}
