// Pure: which dead letters a selector (filters.ts) picks — the records every filter accepts — and, when
// none is left, what to say: the offsets the DLQ lacks, the filters by name and what each alone matched.
import type { DlqRecord } from './read';
import { filtersOfSelector, type Filters, type OffsetRef, type Selector } from './filters';

export {
  DLQ_STAGES,
  filtersOf,
  filtersOfSelector,
  parseOffsets,
  SelectorError,
  selectorOf,
  type Filters,
  type OffsetRef,
  type Selector,
  type SelectorOptions,
} from './filters';

export interface Selection {
  selected: DlqRecord[];
  /** What the selector asked for and the DLQ does not have (offsets, or the filters matched nothing). */
  notFound: string[];
}

/** `1000*` → /^1000.*$/: `*` is the only wildcard, everything else is literal. */
export const keyPattern = (pattern: string): RegExp =>
  new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`, 's');
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The facts a filter looks at: from the DeadLetter value, else from the x-* headers of the DLQ record. */
export const timeOf = (r: DlqRecord): number | undefined => {
  if (r.letter) return Number(r.letter.failedAt);
  const h = r.headers['x-failed-at'];
  const t = h === undefined ? NaN : Date.parse(h);
  return Number.isNaN(t) ? undefined : t;
};
const codeOf = (r: DlqRecord): string | undefined => r.letter?.errorCode ?? r.headers['x-error-code'];
const stageOf = (r: DlqRecord): string | undefined => r.letter?.stage ?? r.headers['x-error-stage'];

type Test = { name: string; legacy: string; test: (r: DlqRecord) => boolean };

function tests(f: Filters): Test[] {
  const out: Test[] = [];
  if (f.key !== undefined) {
    const re = keyPattern(f.key);
    const keys = (r: DlqRecord) => [r.letter?.originalKey ?? r.key, r.key];
    out.push({
      name: `--key ${f.key}`,
      legacy: `key ${f.key}`,
      test: (r) => keys(r).some((k) => k !== null && re.test(k)),
    });
  }
  if (f.codes) {
    const codes = new Set(f.codes);
    const list = f.codes.join(',');
    out.push({ name: `--code ${list}`, legacy: `error code ${list}`, test: (r) => codes.has(codeOf(r) ?? '') });
  }
  if (f.stage !== undefined) {
    const stage = f.stage;
    out.push({ name: `--stage ${stage}`, legacy: `stage ${stage}`, test: (r) => stageOf(r) === stage });
  }
  if (f.since !== undefined || f.until !== undefined) {
    const { since, until } = f;
    const name = [
      since === undefined ? '' : `--since ${new Date(since).toISOString()}`,
      until === undefined ? '' : `--until ${new Date(until).toISOString()}`,
    ]
      .filter(Boolean)
      .join(' ');
    out.push({
      name,
      legacy: `dead letters failed ${name.replace('--since', 'since').replace('--until', 'until')}`,
      test: (r) => {
        const t = timeOf(r);
        return t !== undefined && (since === undefined || t >= since) && (until === undefined || t < until);
      },
    });
  }
  return out;
}

function byOffsets(records: readonly DlqRecord[], offsets: readonly OffsetRef[]): Selection {
  const selected: DlqRecord[] = [];
  const notFound: string[] = [];
  for (const ref of offsets) {
    const hits = records.filter(
      (r) => r.offset === ref.offset && (ref.partition === undefined || r.partition === ref.partition),
    );
    if (hits.length === 0)
      notFound.push(`offset ${ref.partition === undefined ? '' : `${ref.partition}:`}${ref.offset}`);
    for (const h of hits) if (!selected.includes(h)) selected.push(h);
  }
  return { selected, notFound };
}

/** The records every filter accepts; when none is left, notFound names the filters (and what each alone matched). */
export function select(records: readonly DlqRecord[], selector: Selector): Selection {
  const f = filtersOfSelector(selector);
  const base = f.offsets ? byOffsets(records, f.offsets) : { selected: [...records], notFound: [] };
  const ts = tests(f);
  const selected = base.selected.filter((r) => ts.every((t) => t.test(r)));
  if (selected.length > 0 || ts.length === 0) return { selected, notFound: base.notFound };
  if (ts.length === 1 && !f.offsets) return { selected, notFound: [ts[0]?.legacy ?? ''] };
  const alone = ts.map((t) => `${t.name} alone: ${base.selected.filter(t.test).length}`);
  const among = f.offsets ? ` among the ${base.selected.length} at --offset` : '';
  return {
    selected,
    notFound: [
      ...base.notFound,
      `dead letters matching ${ts.map((t) => t.name).join(' and ')}${among} (${alone.join(', ')})`,
    ],
  };
}

/** The selector as the options that give it, for headings and messages: `--code X --stage handler`. */
export function describeSelector(selector: Selector): string {
  if (selector.kind === 'all') return '--all';
  const f = filtersOfSelector(selector);
  const offsets = f.offsets?.map((o) => (o.partition === undefined ? o.offset : `${o.partition}:${o.offset}`));
  return [offsets ? `--offset ${offsets.join(',')}` : '', ...tests(f).map((t) => t.name)].filter(Boolean).join(' ');
}
