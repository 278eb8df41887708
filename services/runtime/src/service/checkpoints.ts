// Where each poller stopped, over a compacted table of m3mage.state.PollerCheckpoint (key = poller name):
// magento-ingest's Magento order poller and m3-ion-ingest's MI pollers keep their cursors this way, so a
// restarted (or moved) instance goes on where the last pass that finished left off.
import type { CompactedTable } from './compacted-table';
import type { SourceSystem } from '../kafka/headers';

export interface Checkpoint {
  cursor: string;
  lastEntityId: string | null;
}

export interface CheckpointStore {
  get(poller: string): Checkpoint | undefined;
  set(poller: string, c: Checkpoint, savedAt: number): Promise<void>;
}

/** A PollerCheckpoint as read from the table (records without a cursor are ignored). */
export const readCheckpoint = (v: unknown): Checkpoint | undefined => {
  const r = v as { cursor?: unknown; lastEntityId?: unknown };
  return typeof r?.cursor === 'string'
    ? { cursor: r.cursor, lastEntityId: typeof r.lastEntityId === 'string' ? r.lastEntityId : null }
    : undefined;
};

/** Checkpoints kept in `table` (opened with `readCheckpoint`), written with the given `source-system`. */
export function checkpointStore(table: CompactedTable<Checkpoint>, sourceSystem: SourceSystem): CheckpointStore {
  return {
    get: (poller) => table.get(poller),
    set: (poller, c, savedAt) =>
      table.set(
        poller,
        c,
        { poller, cursor: c.cursor, lastEntityId: c.lastEntityId, savedAt },
        { correlationId: poller, eventType: 'PollerCheckpoint', sourceSystem },
      ),
  };
}

/** In memory, for unit tests of pollers. */
export function memoryCheckpointStore(): CheckpointStore & { rows: Map<string, Checkpoint> } {
  const rows = new Map<string, Checkpoint>();
  return { rows, get: (p) => rows.get(p), set: async (p, c) => void rows.set(p, c) };
}
