// The printed figures: one row per scenario, as a Markdown table (what test/chaos/README.md shows).
import type { Row } from './burst';

const seconds = (ms: number | undefined): string => (ms === undefined ? '' : `${(ms / 1000).toFixed(1)} s`);

const columns: Array<[string, (r: Row) => string]> = [
  ['scenario', (r) => r.scenario],
  ['placed', (r) => String(r.placed)],
  ['confirmed once', (r) => String(r.confirmedOnce)],
  ['lost', (r) => String(r.lost)],
  ['duplicates', (r) => String(r.duplicates)],
  ['dead letters', (r) => String(r.deadLetters)],
  ['orphan batch orders', (r) => String(r.orphans)],
  ['drain', (r) => seconds(r.drainMs)],
  ['restart → ready', (r) => seconds(r.readyMs)],
  [
    'note',
    (r) => [r.note, ...Object.entries(r.evidence ?? {}).map(([k, v]) => `${k} ${v}`)].filter(Boolean).join('; '),
  ],
];

/** What a row breaks of the promise: every order confirmed exactly once, nothing lost, duplicated, dead-lettered or orphaned. */
export function shortfalls(r: Row): string[] {
  const out: string[] = [];
  if (r.confirmedOnce !== r.placed) out.push(`confirmed once ${r.confirmedOnce} of ${r.placed}`);
  if (r.lost) out.push(`${r.lost} lost`);
  if (r.duplicates) out.push(`${r.duplicates} duplicates`);
  if (r.deadLetters) out.push(`${r.deadLetters} dead letters`);
  if (r.orphans) out.push(`${r.orphans} orphan batch orders`);
  return out;
}

export const rowLine = (r: Row): string => `| ${columns.map(([, f]) => f(r)).join(' | ')} |`;

export function table(rows: readonly Row[]): string {
  const head = `| ${columns.map(([h]) => h).join(' | ')} |`;
  const rule = `|${columns.map(() => ' --- ').join('|')}|`;
  return [head, rule, ...rows.map(rowLine)].join('\n');
}
