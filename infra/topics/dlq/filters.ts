// Pure: the filters `list` and `replay` take, from the CLI options. They combine (AND):
// - `--offset 3,5` DLQ offsets as `list` prints them: `3` (any partition; the DLQs have one) or `0:3`;
// - `--key K` the original key (or the DLQ record's key); `*` matches any run of characters, a plain key
//   matches exactly;
// - `--code A,B` the error code, one of them;
// - `--stage S` the stage the runtime wrote (x-error-stage): decode, handler, retry-exhausted, map;
// - `--since T` / `--until T` the dead letter's time: when it failed (the DeadLetter's `failedAt`, the same
//   instant as its x-failed-at header, which stands in when the value cannot be read), since inclusive,
//   until exclusive; T as --from/--to of `npm run replay` take it (a date, or a date-time with a zone);
// - `--all` everything (alone).
// One legacy selector alone (--offset, --key, --code without a comma) keeps its old shape and messages.
import type { DeadLetterStage } from '@m3mage/runtime';
import { instantOf } from '../../replay/time';

export interface OffsetRef {
  partition?: number;
  offset: string;
}

export interface Filters {
  offsets?: OffsetRef[];
  /** A key pattern (`*` = anything). */
  key?: string;
  codes?: string[];
  stage?: DeadLetterStage;
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive. */
  until?: number;
}

export type Selector =
  | { kind: 'offsets'; offsets: OffsetRef[] }
  | { kind: 'key'; key: string }
  | { kind: 'code'; code: string }
  | { kind: 'all' }
  | { kind: 'filters'; filters: Filters };

export class SelectorError extends Error {
  override name = 'SelectorError';
}

/** The stages the runtime writes (services/runtime/src/retry-dlq/dead-letter.ts). */
export const DLQ_STAGES = ['decode', 'handler', 'retry-exhausted', 'map'] as const;
type Covered = (typeof DLQ_STAGES)[number];
const everyStage: Exclude<DeadLetterStage, Covered> extends never ? true : never = true;
void everyStage;

/** `3,5` or `0:3,0:5` → offset references; throws SelectorError on anything else. */
export function parseOffsets(text: string): OffsetRef[] {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (parts.length === 0) throw new SelectorError('--offset needs DLQ offsets, e.g. --offset 3,5');
  return parts.map((p) => {
    const m = /^(?:(\d+):)?(\d+)$/.exec(p);
    if (!m) throw new SelectorError(`--offset: "${p}" is not a DLQ offset (N or partition:N)`);
    return m[1] === undefined
      ? { offset: String(BigInt(m[2] ?? '')) }
      : { partition: Number(m[1]), offset: String(BigInt(m[2] ?? '')) };
  });
}

export interface SelectorOptions {
  offset?: string | undefined;
  key?: string | undefined;
  code?: string | undefined;
  stage?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  all?: boolean | undefined;
}

const instant = (name: string, text: string): number => {
  try {
    return instantOf(name, text);
  } catch (err) {
    throw new SelectorError((err as Error).message);
  }
};

/** The filters given (in option order), undefined when none is: `list` then shows everything. */
export function filtersOf(opts: SelectorOptions): Filters | undefined {
  const f: Filters = {};
  if (opts.offset !== undefined) f.offsets = parseOffsets(opts.offset);
  if (opts.key !== undefined) {
    if (opts.key === '') throw new SelectorError('--key needs a key or a pattern such as 1000*');
    f.key = opts.key;
  }
  if (opts.code !== undefined) {
    const codes = opts.code
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (codes.length === 0) throw new SelectorError('--code needs an error code, e.g. --code MAPPING_UNMAPPABLE');
    f.codes = [...new Set(codes)];
  }
  if (opts.stage !== undefined) {
    const stage = DLQ_STAGES.find((s) => s === opts.stage);
    if (!stage) throw new SelectorError(`--stage "${opts.stage}" is not a stage: one of ${DLQ_STAGES.join(', ')}`);
    f.stage = stage;
  }
  if (opts.since !== undefined) f.since = instant('since', opts.since);
  if (opts.until !== undefined) f.until = instant('until', opts.until);
  if (f.since !== undefined && f.until !== undefined && f.since >= f.until)
    throw new SelectorError(`--since ${opts.since} is not before --until ${opts.until}`);
  return Object.keys(f).length === 0 ? undefined : f;
}

const named = (opts: SelectorOptions): string[] =>
  (['offset', 'key', 'code', 'stage', 'since', 'until'] as const)
    .filter((n) => opts[n] !== undefined)
    .map((n) => `--${n}`);

/** The selector from CLI options: --all alone, or filters that combine. `required` false: none = all. */
export function selectorOf(opts: SelectorOptions, required = true): Selector {
  const given = named(opts);
  if (opts.all === true) {
    if (given.length > 0)
      throw new SelectorError(
        `give one selector, not ${given.join(' and ')} and --all: --all takes every dead letter, the others narrow it down`,
      );
    return { kind: 'all' };
  }
  const filters = filtersOf(opts);
  if (filters === undefined) {
    if (!required) return { kind: 'all' };
    throw new SelectorError(
      'say which dead letters to replay: --offset N[,N…], --key K, --code CODE, --stage S, --since/--until T, or --all',
    );
  }
  if (given.length === 1 && filters.offsets) return { kind: 'offsets', offsets: filters.offsets };
  if (given.length === 1 && filters.key !== undefined) return { kind: 'key', key: filters.key };
  if (given.length === 1 && filters.codes?.length === 1) return { kind: 'code', code: filters.codes[0] ?? '' };
  return { kind: 'filters', filters };
}

export function filtersOfSelector(selector: Selector): Filters {
  switch (selector.kind) {
    case 'all':
      return {};
    case 'offsets':
      return { offsets: selector.offsets };
    case 'key':
      return { key: selector.key };
    case 'code':
      return { codes: [selector.code] };
    case 'filters':
      return selector.filters;
  }
}
