// What a unit test can observe of the writer's effects: the MI transactions M3 received (with their fields,
// from the simulator's call recorder) and the records written to a compacted table (value and headers meta).
import type { CompactedTable, RecordMeta } from '@m3mage/runtime';
import { memoryTable } from './commands';
import type { M3Rig } from './m3';

export interface MiCall {
  /** `PROGRAM/Transaction` */
  tx: string;
  fields: Record<string, string>;
}

/** The MI transactions the simulator executed (or answered), in order, since the rig started. */
export function miCalls(rig: M3Rig): MiCall[] {
  const prefix = `/${rig.ionapi.tenant}/M3/m3api-rest/execute/`;
  return rig.sim.recorder.list({ pathPrefix: prefix }).map((c) => ({
    tx: c.path.slice(prefix.length).split(';')[0] ?? '',
    fields: c.query,
  }));
}

/** Only the names of the MI transactions called after `since` calls. */
export const miTransactions = (rig: M3Rig, since = 0): string[] =>
  miCalls(rig)
    .slice(since)
    .map((c) => c.tx);

export type TableWrite<V> =
  { op: 'set'; key: string; value: V; meta: RecordMeta } | { op: 'delete'; key: string; meta: RecordMeta };

/** An in-memory compacted table that also keeps every record it was asked to write (what Kafka would get). */
export function recordingTable<V>(): CompactedTable<V> & { writes: TableWrite<V>[] } {
  const table = memoryTable<V>();
  const writes: TableWrite<V>[] = [];
  return {
    ...table,
    writes,
    set: (key, value, encoded, meta) => {
      writes.push({ op: 'set', key, value: structuredClone(value), meta });
      return table.set(key, value, encoded, meta);
    },
    delete: (key, meta) => {
      writes.push({ op: 'delete', key, meta });
      return table.delete(key, meta);
    },
  };
}
