// Newest wins, per document, over a compacted state table of m3mage.state.DocumentVersion records: the last
// applied version of each document key, ordered by a comparable value (Magento's updated_at, ION's
// variationID), ties told apart by a content hash (two changes within updated_at's one second) and a repeat
// of the same state recognised as a duplicate. Per key, judging, applying and recording run one at a time
// (a keyed lock), so a duplicate arriving in parallel sees the first one's version. The stored version is
// `<value>` or `<value>#<hash>`; one that cannot be read (written by an older build, or never valid) is
// ignored with a warning rather than allowed to make every later version of its document stale.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { DocumentVersion } from '@m3mage/schemas/types';
import type { SourceSystem } from '../kafka/headers';
import type { CompactedTable } from './compacted-table';
import { createKeyedLock } from './keyed-lock';

export type Verdict = 'new' | 'changed' | 'duplicate' | 'stale';

/** Stable JSON (sorted keys) so a hash does not depend on property order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** The content hash of anything JSON-like (key order does not matter): 32 hex digits of its SHA-256. */
export const contentHash = (value: unknown): string =>
  createHash('sha256').update(canonical(value)).digest('hex').slice(0, 32);

/** A version: the comparable value, and the content hash when ties must be told apart. */
export interface Version<V> {
  value: V;
  hash?: string;
}

/** The last applied version of a document, with the event that brought it. */
export interface KnownVersion<V> extends Version<V> {
  eventId: string;
}

/** How one kind of document's versions are read, written and ordered. */
export interface VersionScheme<V> {
  /** The stored value (hash removed) → V; undefined when it is not a version this scheme could write. */
  parse(stored: string): V | undefined;
  format(value: V): string;
  compare(a: V, b: V): number;
}

/** Newest wins: older is stale, the same value and hash is a duplicate, anything else is a change. */
export function judgeVersion<V>(
  scheme: Pick<VersionScheme<V>, 'compare'>,
  known: Version<V> | undefined,
  candidate: Version<V>,
): Verdict {
  if (!known) return 'new';
  const order = scheme.compare(candidate.value, known.value);
  if (order < 0) return 'stale';
  if (order === 0 && (candidate.hash ?? '') === (known.hash ?? '')) return 'duplicate';
  return 'changed';
}

export const encodeVersion = <V>(scheme: Pick<VersionScheme<V>, 'format'>, v: Version<V>): string =>
  v.hash ? `${scheme.format(v.value)}#${v.hash}` : scheme.format(v.value);

export function decodeVersion<V>(scheme: Pick<VersionScheme<V>, 'parse'>, stored: string): Version<V> | undefined {
  const sep = stored.lastIndexOf('#');
  const raw = sep < 0 ? stored : stored.slice(0, sep);
  const value = scheme.parse(raw);
  if (value === undefined) return undefined;
  return sep < 0 ? { value } : { value, hash: stored.slice(sep + 1) };
}

export interface VersionGuardOptions<V> {
  table: CompactedTable<DocumentVersion>;
  scheme: VersionScheme<V>;
  /** The `source-system` header of the state records written. */
  sourceSystem: SourceSystem;
  logger?: Logger;
  now?: () => number;
}

export interface Admitted<T> {
  verdict: Verdict;
  /** What `apply` returned; undefined for a duplicate or stale version (apply did not run). */
  result?: T;
}

export interface VersionGuard<V> {
  /** The last applied version of `key`, if any (readable). */
  known(key: string): KnownVersion<V> | undefined;
  judge(key: string, candidate: Version<V>): Verdict;
  /**
   * Under the key's lock: judges `candidate`; when it is new or changed runs `apply(verdict, known)` and then
   * records the version (resolves once Kafka acknowledged it). A failing `apply` records nothing.
   */
  admit<T>(
    key: string,
    candidate: Version<V>,
    source: { eventId: string; correlationId: string },
    apply: (verdict: 'new' | 'changed', known: KnownVersion<V> | undefined) => Promise<T>,
  ): Promise<Admitted<T>>;
}

export function createVersionGuard<V>(opts: VersionGuardOptions<V>): VersionGuard<V> {
  const now = opts.now ?? Date.now;
  const lock = createKeyedLock();

  function known(key: string): KnownVersion<V> | undefined {
    const row = opts.table.get(key);
    if (!row) return undefined;
    const v = decodeVersion(opts.scheme, row.version);
    if (!v) {
      opts.logger?.warn(
        { documentKey: key, version: row.version.slice(0, 60), eventId: row.eventId },
        'stored version is not one this service writes; ignored',
      );
      return undefined;
    }
    return { ...v, eventId: row.eventId };
  }

  const judge = (key: string, candidate: Version<V>): Verdict => judgeVersion(opts.scheme, known(key), candidate);

  return {
    known,
    judge,
    admit: (key, candidate, source, apply) =>
      lock.run(key, async () => {
        const last = known(key);
        const verdict = judgeVersion(opts.scheme, last, candidate);
        if (verdict === 'duplicate' || verdict === 'stale') return { verdict };
        const result = await apply(verdict, last);
        const row: DocumentVersion = {
          documentKey: key,
          version: encodeVersion(opts.scheme, candidate),
          eventId: source.eventId,
          appliedAt: now(),
        };
        await opts.table.set(key, row, row, {
          correlationId: source.correlationId,
          causationId: source.eventId,
          eventType: 'DocumentVersion',
          sourceSystem: opts.sourceSystem,
        });
        return { verdict, result };
      }),
  };
}

/** Versions compared as text: Magento's `YYYY-MM-DD HH:MM:SS` timestamps order correctly as strings. */
export const textVersions: VersionScheme<string> = {
  parse: (s) => s,
  format: (s) => s,
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
};

/** Versions that are non-negative decimal integers of any size (M3 change stamps), compared exactly. */
export const integerVersions: VersionScheme<bigint> = {
  parse: (s) => (/^\d{1,40}$/.test(s) ? BigInt(s) : undefined),
  format: (v) => v.toString(),
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
};
