// What the transformer last sent per order, kept in the compacted topic state.transformer.emitted.v1.
// It makes the loop rule hold when a change event carries no `before` (ingest does not keep old versions,
// and replays start anywhere): a command whose content equals the last one sent is not sent again, and a
// payment is posted only when the amount paid rises above the last amount posted.
import { createHash } from 'node:crypto';
import type { CompactedTable, RecordMeta } from '@m3mage/runtime';
import type { DocumentVersion } from '@m3mage/schemas/types';

export interface EmittedLog {
  last(key: string): string | undefined;
  record(key: string, version: string, eventId: string, correlationId: string): Promise<void>;
}

export const digestOf = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

export function emittedLog(table: CompactedTable<DocumentVersion>, now: () => number): EmittedLog {
  return {
    last: (key) => table.get(key)?.version,
    async record(key, version, eventId, correlationId) {
      const value: DocumentVersion = { documentKey: key, version, eventId, appliedAt: now() };
      const meta: RecordMeta = {
        correlationId,
        causationId: eventId,
        eventType: 'DocumentVersion',
        sourceSystem: 'MAGENTO',
      };
      await table.set(key, value, value, meta);
    },
  };
}

/** For tests and callers without state: remembers nothing. */
export const forgetfulLog: EmittedLog = { last: () => undefined, record: () => Promise.resolve() };
