// The variationID guard (FORMAT-NOTES A 5; ION is not FIFO): the runtime's version guard over compacted
// state.m3-ion-ingest.variations.v1 (key `<noun>:<document id>`), loaded at start. A BOD whose variationID
// is not above the last applied one is stale (or a duplicate) and dropped; per document, BODs are checked
// and applied one at a time. Versions are exact integers (bod/variation.ts); a stored version M3 cannot
// have sent (not digits, or beyond its 64-bit range) is ignored with a warning, so it cannot make every
// later BOD of its document stale.
import { createVersionGuard, type CompactedTable, type Logger, type VersionGuard } from '@m3mage/runtime';
import type { DocumentVersion } from '@m3mage/schemas/types';
import { variationVersions } from '../bod/variation';

export type VariationGuard = VersionGuard<bigint>;

export interface VariationGuardOptions {
  table: CompactedTable<DocumentVersion>;
  logger?: Logger;
  now?: () => number;
}

export const createVariationGuard = (opts: VariationGuardOptions): VariationGuard =>
  createVersionGuard({ ...opts, scheme: variationVersions, sourceSystem: 'M3' });
