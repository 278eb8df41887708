// Pure: what a replay of the window would re-produce, per partition and per key (--dry-run), and why the
// rest would not be (another key than --keys, or a record that is itself a replay).
import type { TopicRecord } from './read';
import { skipReason } from './replay-record';

export interface WindowCount {
  total: number;
  replayed: number;
  byPartition: Map<number, number>;
  byKey: Map<string, number>;
  skippedOtherKey: number;
  skippedReplays: number;
}

export const NO_KEY = '(no key)';

export function countWindow(records: readonly TopicRecord[], keys?: readonly string[]): WindowCount {
  const c: WindowCount = {
    total: records.length,
    replayed: 0,
    byPartition: new Map(),
    byKey: new Map(),
    skippedOtherKey: 0,
    skippedReplays: 0,
  };
  for (const r of records) {
    const why = skipReason(r, keys);
    if (why === 'other-key') c.skippedOtherKey += 1;
    else if (why === 'a-replay') c.skippedReplays += 1;
    else {
      c.replayed += 1;
      c.byPartition.set(r.partition, (c.byPartition.get(r.partition) ?? 0) + 1);
      const key = r.key ?? NO_KEY;
      c.byKey.set(key, (c.byKey.get(key) ?? 0) + 1);
    }
  }
  return c;
}
