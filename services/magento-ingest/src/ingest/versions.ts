// What counts as new: the order's updated_at, then its content. Magento's updated_at has one-second
// resolution, so two changes within one second share it; the content hash tells them apart, while a
// repeated delivery of the same state (webhook retry, duplicate, poller re-read) has the same hash.
import { createHash } from 'node:crypto';
import type { Order as MagentoOrder } from '@m3mage/schemas/types';

/** The last ingested version of one order, as kept in state.magento-ingest.versions.v1. */
export interface KnownVersion {
  updatedAt: string;
  hash: string;
  eventId: string;
}

export type Verdict = 'new' | 'changed' | 'duplicate' | 'stale';

/** Stable JSON (sorted keys) so the hash does not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export const contentHash = (order: MagentoOrder): string => rawHash(order);

/** The same digest of anything JSON-like (an order that could not be mapped). */
export const rawHash = (value: unknown): string =>
  createHash('sha256').update(canonical(value)).digest('hex').slice(0, 32);

/** Magento timestamps `YYYY-MM-DD HH:MM:SS` compare correctly as strings. */
export function judge(known: KnownVersion | undefined, updatedAt: string, hash: string): Verdict {
  if (!known) return 'new';
  if (updatedAt < known.updatedAt) return 'stale';
  if (updatedAt === known.updatedAt && hash === known.hash) return 'duplicate';
  return 'changed';
}

/**
 * Before any enrichment: a delivery whose event id is the last one ingested for the order is a repeat, and
 * one whose payload updated_at is older than the known version is stale.
 */
export function prejudge(
  known: KnownVersion | undefined,
  eventId: string,
  updatedAt: string | undefined,
): Verdict | undefined {
  if (!known) return undefined;
  if (eventId === known.eventId) return 'duplicate';
  if (updatedAt !== undefined && updatedAt < known.updatedAt) return 'stale';
  return undefined;
}

/** DocumentVersion.version is `<updated_at>#<content hash>`. */
export const encodeVersion = (v: Pick<KnownVersion, 'updatedAt' | 'hash'>): string => `${v.updatedAt}#${v.hash}`;

export function decodeVersion(version: string, eventId: string): KnownVersion {
  const sep = version.lastIndexOf('#');
  return sep < 0
    ? { updatedAt: version, hash: '', eventId }
    : { updatedAt: version.slice(0, sep), hash: version.slice(sep + 1), eventId };
}
