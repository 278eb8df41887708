// Pure: which dead letters a replay selector picks. Offsets are DLQ offsets as `list` prints them: `3`
// (any partition; the DLQs have one) or `0:3` (partition 0, offset 3); `--key` matches the original key,
// `--code` the error code, `--all` everything.
import type { DlqRecord } from './read';

export interface OffsetRef {
  partition?: number;
  offset: string;
}

export type Selector =
  | { kind: 'offsets'; offsets: OffsetRef[] }
  | { kind: 'key'; key: string }
  | { kind: 'code'; code: string }
  | { kind: 'all' };

export class SelectorError extends Error {
  override name = 'SelectorError';
}

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

/** The selector from CLI options: exactly one of offset, key, code, all. */
export function selectorOf(opts: { offset?: string; key?: string; code?: string; all?: boolean }): Selector {
  const given = [
    opts.offset !== undefined && '--offset',
    opts.key !== undefined && '--key',
    opts.code !== undefined && '--code',
    opts.all === true && '--all',
  ].filter((x): x is string => typeof x === 'string');
  if (given.length === 0)
    throw new SelectorError('say which dead letters to replay: --offset N[,N…], --key K, --code CODE or --all');
  if (given.length > 1) throw new SelectorError(`give one selector, not ${given.join(' and ')}`);
  if (opts.offset !== undefined) return { kind: 'offsets', offsets: parseOffsets(opts.offset) };
  if (opts.key !== undefined) return { kind: 'key', key: opts.key };
  if (opts.code !== undefined) return { kind: 'code', code: opts.code };
  return { kind: 'all' };
}

export interface Selection {
  selected: DlqRecord[];
  /** What the selector asked for and the DLQ does not have (offsets, or the key/code matched nothing). */
  notFound: string[];
}

const keyOf = (r: DlqRecord): string | null => r.letter?.originalKey ?? r.key;

export function select(records: readonly DlqRecord[], selector: Selector): Selection {
  switch (selector.kind) {
    case 'all':
      return { selected: [...records], notFound: [] };
    case 'key': {
      const selected = records.filter((r) => keyOf(r) === selector.key || r.key === selector.key);
      return { selected, notFound: selected.length === 0 ? [`key ${selector.key}`] : [] };
    }
    case 'code': {
      const selected = records.filter((r) => r.letter?.errorCode === selector.code);
      return { selected, notFound: selected.length === 0 ? [`error code ${selector.code}`] : [] };
    }
    case 'offsets': {
      const selected: DlqRecord[] = [];
      const notFound: string[] = [];
      for (const ref of selector.offsets) {
        const hits = records.filter(
          (r) => r.offset === ref.offset && (ref.partition === undefined || r.partition === ref.partition),
        );
        if (hits.length === 0)
          notFound.push(`offset ${ref.partition === undefined ? '' : `${ref.partition}:`}${ref.offset}`);
        for (const h of hits) if (!selected.includes(h)) selected.push(h);
      }
      return { selected, notFound };
    }
  }
}
