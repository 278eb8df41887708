// The version an ingest service last produced for a key, read from its compacted version table (the
// DocumentVersion records of state.m3-ion-ingest.variations.v1): an exact integer, or none when the stored
// text is not one (such a record cannot make a snapshot row older).
import type { DocumentVersion } from '@m3mage/schemas/types';

export function variationVersionOf(v: DocumentVersion | undefined): bigint | undefined {
  const text = v?.version.trim() ?? '';
  return /^\d{1,19}$/.test(text) ? BigInt(text) : undefined;
}
