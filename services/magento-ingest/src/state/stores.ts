// The two state topics of magento-ingest over the runtime's compacted tables: the last ingested version per
// order (state.magento-ingest.versions.v1, m3mage.state.DocumentVersion) and the poller checkpoint
// (state.magento-ingest.poller.v1, m3mage.state.PollerCheckpoint). Both are loaded before HTTP opens.
import type { CompactedTable } from '@m3mage/runtime';
import { decodeVersion, encodeVersion, type KnownVersion } from '../ingest/versions';
import { TOPIC } from '@m3mage/topics/catalogue';

export interface VersionStore {
  get(incrementId: string): KnownVersion | undefined;
  set(incrementId: string, v: KnownVersion, appliedAt: number): Promise<void>;
}

export interface Checkpoint {
  cursor: string;
  lastEntityId: string | null;
}

export interface CheckpointStore {
  get(poller: string): Checkpoint | undefined;
  set(poller: string, c: Checkpoint, savedAt: number): Promise<void>;
}

/** A table factory: ServiceContext.table. */
export type TableOf = <V>(topic: string, accept: (value: unknown) => V | undefined) => CompactedTable<V>;

const documentKey = (incrementId: string): string => `order:${incrementId}`;

export const readVersion = (v: unknown): KnownVersion | undefined => {
  const r = v as { version?: unknown; eventId?: unknown };
  return typeof r.version === 'string'
    ? decodeVersion(r.version, typeof r.eventId === 'string' ? r.eventId : '')
    : undefined;
};

export const readCheckpoint = (v: unknown): Checkpoint | undefined => {
  const r = v as { cursor?: unknown; lastEntityId?: unknown };
  return typeof r.cursor === 'string'
    ? { cursor: r.cursor, lastEntityId: typeof r.lastEntityId === 'string' ? r.lastEntityId : null }
    : undefined;
};

export function kafkaVersionStore(table: TableOf): VersionStore {
  const t = table(TOPIC.stateMagentoIngestVersions, readVersion);
  return {
    get: (id) => t.get(documentKey(id)),
    set: (id, v, appliedAt) =>
      t.set(
        documentKey(id),
        v,
        { documentKey: documentKey(id), version: encodeVersion(v), eventId: v.eventId, appliedAt },
        { correlationId: id, causationId: v.eventId, eventType: 'DocumentVersion', sourceSystem: 'MAGENTO' },
      ),
  };
}

export function kafkaCheckpointStore(table: TableOf): CheckpointStore {
  const t = table(TOPIC.stateMagentoIngestPoller, readCheckpoint);
  return {
    get: (poller) => t.get(poller),
    set: (poller, c, savedAt) =>
      t.set(
        poller,
        c,
        { poller, cursor: c.cursor, lastEntityId: c.lastEntityId, savedAt },
        { correlationId: poller, eventType: 'PollerCheckpoint', sourceSystem: 'MAGENTO' },
      ),
  };
}

/** In-memory stores for unit tests of routes and the ingest pipeline. */
export function memoryVersionStore(): VersionStore & { rows: Map<string, KnownVersion> } {
  const rows = new Map<string, KnownVersion>();
  return { rows, get: (id) => rows.get(id), set: async (id, v) => void rows.set(id, v) };
}

export function memoryCheckpointStore(): CheckpointStore & { rows: Map<string, Checkpoint> } {
  const rows = new Map<string, Checkpoint>();
  return { rows, get: (p) => rows.get(p), set: async (p, c) => void rows.set(p, c) };
}
