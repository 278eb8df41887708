// Pure: what `replay` prints on stdout — the dry-run counts, the live summary, the shadow diff per key.
import type { WindowCount } from './count';
import type { LiveSummary } from './live';
import type { ReplayOptions } from './options';
import { SAME_KINDS, type DiffEntry, type KeyReport, type DiffCounts } from './shadow/diff';
import { iso } from './time';

export const VALUE_CHARS = 100;

export const windowText = (o: Pick<ReplayOptions, 'topic' | 'from' | 'to'>): string =>
  `${o.topic} between ${iso(o.from)} and ${iso(o.to)}`;

export const emptyWindow = (o: Pick<ReplayOptions, 'topic' | 'from' | 'to'>): string =>
  `no records in ${windowText(o)}`;

export function formatCount(o: ReplayOptions, c: WindowCount): string {
  const lines = [`dry run: would replay ${c.replayed} of ${c.total} records of ${windowText(o)} (nothing produced)`];
  for (const [p, n] of [...c.byPartition].sort((a, b) => a[0] - b[0])) lines.push(`  partition ${p}  ${n}`);
  lines.push('  per key:');
  for (const [k, n] of [...c.byKey].sort((a, b) => (a[0] < b[0] ? -1 : 1))) lines.push(`    ${k}  ${n}`);
  if (c.skippedOtherKey) lines.push(`  skipped  ${c.skippedOtherKey} of other keys than --keys`);
  if (c.skippedReplays) lines.push(`  skipped  ${c.skippedReplays} that are replays themselves (x-replay-of)`);
  return lines.join('\n');
}

export function formatLive(o: ReplayOptions, s: LiveSummary): string {
  const outcome =
    s.outcome === 'already-done'
      ? 'already done (run it without --resume to replay again)'
      : s.outcome === 'stopped'
        ? 'stopped (go on with --resume)'
        : 'done';
  return [
    `replay ${s.job} (${windowText(o)}): ${outcome}`,
    `  read      ${s.read} of ${s.total}${s.resumedAt ? ` (${s.resumedAt} before the resume)` : ''}`,
    `  produced  ${s.produced}`,
    `  skipped   ${s.skipped}   (other keys, or records that are replays themselves)`,
    `  time      ${(s.elapsedMs / 1000).toFixed(1)} s`,
  ].join('\n');
}

const show = (v: unknown): string => {
  const text = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x)) ?? 'null';
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text;
};

function entryLines(e: DiffEntry): string[] {
  const what = e.type ? `${e.type} → ${e.topic}` : '';
  const note = e.note ? `  (${e.note})` : '';
  const fields = (e.diffs ?? []).map((d) => `      ${d.path}: ${show(d.shadow)} (live ${show(d.live)})`);
  switch (e.kind) {
    case 'same':
    case 'unchanged':
    case 'nothing':
      return [`  ${e.at}  same  ${what}${note}`];
    case 'changed':
      return [`  ${e.at}  would now produce ${what} differently (live produced it with):`, ...fields];
    case 'new':
      return [`  ${e.at}  new   would now produce ${what}${note}: ${show(e.value)}`, ...fields];
    case 'gone':
      return [`  ${e.at}  gone  would no longer produce ${what} (live produced ${show(e.value)})`];
    case 'failed':
      return [`  ${e.at}  ${e.note ?? 'failed'}`];
  }
}

export function formatShadow(o: ReplayOptions, reports: readonly KeyReport[], c: DiffCounts): string {
  const lines = [`shadow replay of ${windowText(o)}: ${c.records} records, ${c.keys} keys (nothing produced)`];
  for (const r of reports) {
    const same = r.entries.every((e) => SAME_KINDS.includes(e.kind));
    lines.push(same ? `${r.key}: same` : `${r.key}:`);
    if (!same) for (const e of r.entries) lines.push(...entryLines(e));
  }
  lines.push(
    `diff: ${c.same} same, ${c.changed} changed, ${c.new} new, ${c.gone} gone, ${c.failed} failing` +
      (c.changed + c.new + c.gone + c.failed === 0 ? ' — no difference' : ''),
  );
  return lines.join('\n');
}
