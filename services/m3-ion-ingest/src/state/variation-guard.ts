// The variationID guard (FORMAT-NOTES A 5; ION is not FIFO): the last applied variationID per document
// lives in compacted state.m3-ion-ingest.variations.v1 (key `<noun>:<document id>`), loaded at start.
// A BOD whose variationID is not above it is stale (or a duplicate) and dropped. Per document, BODs are
// checked and applied one at a time, so a duplicate arriving in parallel sees the first one's version.
// Versions are exact integers (decimal strings compared as BigInt, bod/variation.ts). A stored version M3
// cannot have sent (not digits, or beyond its 64-bit range: written before variationIDs were checked) is
// ignored with a warning, so it cannot make every later BOD of its document stale.
import { createKeyedLock, type CompactedTable, type Logger } from '@m3mage/runtime';
import type { DocumentVersion } from '@m3mage/schemas/types';
import { isNewer, storedVariation } from '../bod/variation';

export interface VariationGuard {
  /** Runs `apply` when `variationId` is fresh, then records it; 'stale' when it is not. */
  admit(
    documentKey: string,
    /** Canonical decimal string (parseVariationId). */
    variationId: string,
    eventId: string,
    apply: () => Promise<void>,
  ): Promise<'applied' | 'stale'>;
}

export interface VariationGuardOptions {
  table: CompactedTable<DocumentVersion>;
  /** Writes the new version to the state topic (resolves when Kafka acknowledged). */
  record(version: DocumentVersion): Promise<void>;
  logger?: Logger;
  now?: () => number;
}

export function createVariationGuard(opts: VariationGuardOptions): VariationGuard {
  const now = opts.now ?? Date.now;
  const lock = createKeyedLock();

  function lastApplied(key: string): bigint | undefined {
    const last = opts.table.get(key);
    if (!last) return undefined;
    const version = storedVariation(last.version);
    if (version === undefined) {
      opts.logger?.warn(
        { documentKey: key, version: last.version.slice(0, 60), eventId: last.eventId },
        'stored variationID is not one M3 can send; ignored',
      );
    }
    return version;
  }

  async function run(key: string, variationId: string, eventId: string, apply: () => Promise<void>) {
    if (!isNewer(variationId, lastApplied(key))) return 'stale' as const;
    await apply();
    const version: DocumentVersion = { documentKey: key, version: variationId, eventId, appliedAt: now() };
    await opts.record(version);
    opts.table.remember(key, version);
    return 'applied' as const;
  }

  return {
    admit: (key, variationId, eventId, apply) => lock.run(key, () => run(key, variationId, eventId, apply)),
  };
}
