// The two state topics of magento-ingest: last ingested version per order, and the poller checkpoint.
import type { KafkaClient, Logger, Producer, ValueSerde } from '@m3mage/runtime';
import { decodeVersion, encodeVersion, type KnownVersion } from '../ingest/versions';
import { createCompactedTable, type CompactedTable } from './compacted-table';

export const VERSIONS_TOPIC = 'state.magento-ingest.versions.v1';
export const POLLER_TOPIC = 'state.magento-ingest.poller.v1';

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

interface Deps {
  client: KafkaClient;
  serde: ValueSerde;
  producer: Producer;
  logger: Logger;
}

const documentKey = (incrementId: string): string => `order:${incrementId}`;

export function kafkaVersionStore(deps: Deps): VersionStore & { table: CompactedTable<KnownVersion> } {
  const table = createCompactedTable<KnownVersion>({
    ...deps,
    topic: VERSIONS_TOPIC,
    read: (v) => {
      const r = v as { version?: unknown; eventId?: unknown };
      return typeof r.version === 'string'
        ? decodeVersion(r.version, typeof r.eventId === 'string' ? r.eventId : '')
        : undefined;
    },
  });
  return {
    table,
    get: (id) => table.get(documentKey(id)),
    set: (id, v, appliedAt) =>
      table.set(
        documentKey(id),
        v,
        { documentKey: documentKey(id), version: encodeVersion(v), eventId: v.eventId, appliedAt },
        { correlationId: id, causationId: v.eventId, eventType: 'DocumentVersion', sourceSystem: 'magento-ingest' },
      ),
  };
}

export function kafkaCheckpointStore(deps: Deps): CheckpointStore & { table: CompactedTable<Checkpoint> } {
  const table = createCompactedTable<Checkpoint>({
    ...deps,
    topic: POLLER_TOPIC,
    read: (v) => {
      const r = v as { cursor?: unknown; lastEntityId?: unknown };
      return typeof r.cursor === 'string'
        ? { cursor: r.cursor, lastEntityId: typeof r.lastEntityId === 'string' ? r.lastEntityId : null }
        : undefined;
    },
  });
  return {
    table,
    get: (poller) => table.get(poller),
    set: (poller, c, savedAt) =>
      table.set(
        poller,
        c,
        { poller, cursor: c.cursor, lastEntityId: c.lastEntityId, savedAt },
        {
          correlationId: poller,
          eventType: 'PollerCheckpoint',
          sourceSystem: 'magento-ingest',
        },
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
