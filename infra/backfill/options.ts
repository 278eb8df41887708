// The options of `npm run backfill`, checked before anything is connected: which entity from which system,
// the optional time and key filters, the rate budget and the lag bound that keep live traffic first
// (docs/adr/0017-backfills.md), and whether an unfinished run is resumed. A job is named by what defines its
// rows (entity, system, since, keys), so --resume finds the checkpoint of the same job and no other.
import { contentHash } from '@m3mage/runtime';

export const ENTITIES = ['items', 'stock', 'prices', 'warehouses', 'customers', 'orders'] as const;
export const SYSTEMS = ['m3', 'magento'] as const;
export type Entity = (typeof ENTITIES)[number];
export type System = (typeof SYSTEMS)[number];

export interface BackfillOptions {
  entity: Entity;
  from: System;
  /** Epoch ms: only rows changed at or after it. */
  since?: number;
  /** Only these source keys (sorted, unique). */
  keys?: string[];
  /** Records produced per second at most. */
  rate: number;
  /** Records the live consumer groups of the change topic may have to catch up before more are produced. */
  maxLag: number;
  /** Rows read from the source per page (one checkpoint per page). */
  pageSize: number;
  resume: boolean;
  /** Read and judge, produce nothing, save no checkpoint. */
  dryRun: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface RawOptions {
  entity?: string | undefined;
  from?: string | undefined;
  since?: string | undefined;
  keys?: string | undefined;
  rate?: string | undefined;
  'max-lag'?: string | undefined;
  'page-size'?: string | undefined;
  resume?: boolean | undefined;
  'dry-run'?: boolean | undefined;
}

const whole = (name: string, text: string | undefined, fallback: number, min: number, max: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return n;
};

function oneOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[]): T {
  if (text === undefined) throw new UsageError(`--${name} is required (${allowed.join(', ')})`);
  if (!(allowed as readonly string[]).includes(text))
    throw new UsageError(`--${name} "${text}" is not one of ${allowed.join(', ')}`);
  return text as T;
}

function sinceOf(text: string | undefined, now: number): number | undefined {
  if (text === undefined) return undefined;
  const at = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(text) ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : NaN;
  if (Number.isNaN(at)) throw new UsageError(`--since "${text}" is not an ISO-8601 date or date-time`);
  if (at > now) throw new UsageError(`--since ${text} is in the future: nothing changed after it yet`);
  return at;
}

export function backfillOptions(raw: RawOptions, now: number): BackfillOptions {
  const keys = raw.keys
    ?.split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  if (raw.keys !== undefined && !keys?.length) throw new UsageError('--keys names no key');
  const since = sinceOf(raw.since, now);
  return {
    entity: oneOf('entity', raw.entity, ENTITIES),
    from: oneOf('from', raw.from, SYSTEMS),
    ...(since !== undefined ? { since } : {}),
    ...(keys ? { keys: [...new Set(keys)].sort() } : {}),
    rate: whole('rate', raw.rate, 2000, 1, 1_000_000),
    maxLag: whole('max-lag', raw['max-lag'], 5000, 1, 10_000_000),
    pageSize: whole('page-size', raw['page-size'], 500, 1, 10_000),
    resume: raw.resume === true,
    dryRun: raw['dry-run'] === true,
  };
}

/** The job's id: what its rows are (not how fast they are read), so a resumed run is the same job. */
export function jobId(o: Pick<BackfillOptions, 'entity' | 'from' | 'since' | 'keys'>): string {
  const defining = { since: o.since ?? null, keys: o.keys ?? null };
  return `${o.entity}@${o.from}:${contentHash(defining).slice(0, 12)}`;
}

export const definingOptions = (o: Pick<BackfillOptions, 'since' | 'keys'>): string =>
  JSON.stringify({
    ...(o.since !== undefined ? { since: new Date(o.since).toISOString() } : {}),
    ...(o.keys ? { keys: o.keys } : {}),
  });
