// The two state topics of magento-ingest over the runtime's compacted tables: the last ingested version per
// record of every entity (state.magento-ingest.versions.v1, m3mage.state.DocumentVersion, key
// `<entity>:<record key>`) and the pollers' checkpoints (state.magento-ingest.poller.v1,
// m3mage.state.PollerCheckpoint, key = poller name). Both are loaded before HTTP opens.
import {
  checkpointStore,
  createMemoryTable,
  memoryCheckpointStore,
  readCheckpoint,
  type CheckpointStore,
  createVersionGuard,
  textVersions,
  type CompactedTable,
  type Logger,
  type VersionGuard,
} from '@m3mage/runtime';
import type { DocumentVersion } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';

export type { Checkpoint, CheckpointStore } from '@m3mage/runtime';

/** Per record (key `<entity>:<key>`): updated_at as text (it orders correctly), content hash for ties. */
export type Versions = VersionGuard<string>;

/** `order:<increment id>`, `customer:<customer id>`. */
export const versionKey = (entity: string, key: string): string => `${entity}:${key}`;

/** A table factory: ServiceContext.table. */
export type TableOf = <V>(topic: string, accept: (value: unknown) => V | undefined) => CompactedTable<V>;

/** A DocumentVersion as read from the table (older or foreign records without a version are ignored). */
export const readVersion = (v: unknown): DocumentVersion | undefined => {
  const r = v as Partial<DocumentVersion>;
  return typeof r.version === 'string' && typeof r.documentKey === 'string'
    ? { documentKey: r.documentKey, version: r.version, eventId: r.eventId ?? '', appliedAt: r.appliedAt ?? 0 }
    : undefined;
};

export function kafkaVersions(table: TableOf, logger?: Logger): Versions {
  return createVersionGuard({
    table: table(TOPIC.stateMagentoIngestVersions, readVersion),
    scheme: textVersions,
    sourceSystem: 'MAGENTO',
    ...(logger ? { logger } : {}),
  });
}

export const kafkaCheckpointStore = (table: TableOf): CheckpointStore =>
  checkpointStore(table(TOPIC.stateMagentoIngestPoller, readCheckpoint), 'MAGENTO');

/** In-memory stores for unit tests of routes and the ingest pipeline. */
export function memoryVersions(): Versions {
  return createVersionGuard({
    table: createMemoryTable<DocumentVersion>(),
    scheme: textVersions,
    sourceSystem: 'MAGENTO',
  });
}

export { memoryCheckpointStore };
