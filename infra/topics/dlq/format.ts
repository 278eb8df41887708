// Pure: the text `npm run dlq` prints — one line per dead letter, the per-service counts (of the ones the
// filters picked), and the replay report: in a dry run the count per original topic and error code and the
// first lines only. The DLQ offset is printed as --offset takes it (`3`, or `1:3` outside partition 0).
import type { DlqRecord } from './read';
import { ReplayHeader, replayDecision, type ReplayLimit, type ReplayReport } from './replay';

/** Lines a dry run shows by default (--limit N for more). */
export const DRY_RUN_LINES = 20;

export const MESSAGE_CHARS = 120;

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
export const dlqOffset = (r: Pick<DlqRecord, 'partition' | 'offset'>): string =>
  r.partition === 0 ? r.offset : `${r.partition}:${r.offset}`;

function iso(ms: unknown): string {
  const d = new Date(ms as number | Date);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}

/**
 * `  3  key=42  2025-05-01T10:00:00.000Z  handler  MAPPING_UNMAPPABLE  attempts=1  cdc.magento.order.v1[2]@1234  message`
 * plus a note when the dead letter cannot be replayed or is itself the failure of a replay.
 */
export function formatLetter(dlqTopic: string, r: DlqRecord, limit: ReplayLimit = {}): string {
  const l = r.letter;
  if (!l) return `  ${dlqOffset(r)}  key=${r.key ?? '(none)'}  UNREADABLE  ${r.problem ?? ''}`;
  const cols = [
    dlqOffset(r),
    `key=${l.originalKey ?? r.key ?? '(none)'}`,
    iso(l.failedAt),
    l.stage,
    l.errorCode,
    `attempts=${l.attempts}`,
    `${l.originalTopic}[${l.originalPartition}]@${l.originalOffset}`,
    oneLine(l.errorMessage).slice(0, MESSAGE_CHARS),
  ];
  const notes: string[] = [];
  const replayedFrom = l.originalHeaders[ReplayHeader.replayedFrom];
  if (replayedFrom) notes.push(`failed again after a replay from ${replayedFrom}`);
  const decision = replayDecision(dlqTopic, r, () => new Date(0), limit);
  if (decision.action === 'skip') notes.push(`not replayable: ${decision.reason}`);
  if (decision.action === 'stop') notes.push(`${decision.reason}; --force replays it anyway`);
  return `  ${cols.join('  ')}${notes.map((n) => `\n      (${n})`).join('')}`;
}

export interface ListedService {
  service: string;
  topic: string;
  /** Undefined when the topic does not exist. */
  records: DlqRecord[] | undefined;
  /** With filters: how many dead letters the topic holds in all (`records` are the ones picked). */
  total?: number;
}

/** Every service's dead letters (the last `limit` of each when given), then the counts; `filters` as given. */
export function formatList(
  services: readonly ListedService[],
  limit?: number,
  filters?: string,
  replays: ReplayLimit = {},
): string {
  const lines: string[] = [];
  for (const s of services) {
    if (s.records === undefined) {
      lines.push(`${s.service} (${s.topic}): topic does not exist`);
      continue;
    }
    const of = s.total === undefined ? '' : ` of ${s.total} match ${filters ?? 'the filters'}`;
    lines.push(`${s.service} (${s.topic}): ${countOf(s.records.length)}${of}`);
    const shown = limit === undefined ? s.records : s.records.slice(Math.max(0, s.records.length - limit));
    if (shown.length < s.records.length) lines.push(`  … ${s.records.length - shown.length} older not shown`);
    for (const r of shown) lines.push(formatLetter(s.topic, r, replays));
  }
  const counts = services.map((s) => `${s.service} ${s.records === undefined ? '-' : s.records.length}`);
  const total = services.reduce((n, s) => n + (s.records?.length ?? 0), 0);
  lines.push(`dead letters: ${counts.join(', ')} (total ${total})`);
  return lines.join('\n');
}

const countOf = (n: number): string => (n === 1 ? '1 dead letter' : `${n} dead letters`);

export function formatReport(service: string, report: ReplayReport, lines = Number.POSITIVE_INFINITY): string {
  const out: string[] = [];
  const verb = report.dryRun ? 'would replay' : 'replayed';
  if (report.dryRun && report.replayed.length > 0) out.push(...dryRunCounts(report));
  for (const r of report.replayed.slice(0, lines)) {
    const to = r.delivery ? `${r.delivery.topic}[${r.delivery.partition}]@${r.delivery.offset}` : r.record.topic;
    const value = r.record.value === null ? 'tombstone' : `${r.record.value.length} bytes`;
    const count = r.record.headers[ReplayHeader.replayCount];
    out.push(`${verb}  ${r.from}  key=${r.key ?? '(none)'}  → ${to}  (${value}, replay ${count ?? '?'})`);
  }
  if (report.replayed.length > lines) out.push(`  … ${report.replayed.length - lines} more not shown (--limit N)`);
  for (const s of report.skipped)
    out.push(`skipped   ${s.from}  key=${s.key ?? '(none)'}  ${s.reason}${s.detail ? ` (${s.detail})` : ''}`);
  for (const s of report.stopped) out.push(`stopped   ${s.from}  key=${s.key ?? '(none)'}  ${s.reason}`);
  for (const f of report.failed) out.push(`FAILED    ${f.from}  key=${f.key ?? '(none)'}  ${f.reason}`);
  const reasons = new Map<string, number>();
  for (const s of report.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  const why = [...reasons].map(([reason, n]) => `${n} × ${reason}`).join('; ');
  const stopped =
    report.stopped.length > 0
      ? `, ${report.stopped.length} stopped (replayed the maximum number of times, still failing; --force replays them)`
      : '';
  out.push(
    `${service} (${report.dlqTopic}): ${report.replayed.length} ${verb}, ${report.skipped.length} skipped` +
      `${why ? ` (${why})` : ''}${stopped}${report.failed.length > 0 ? `, ${report.failed.length} FAILED` : ''}` +
      `${report.dryRun ? ' — dry run, nothing produced' : ''}`,
  );
  return out.join('\n');
}

/** `would replay 3 to ns.cdc.magento.order.v1 (MAPPING_UNMAPPABLE 2, M3_NOK 1)`, one line per original topic. */
function dryRunCounts(report: ReplayReport): string[] {
  const byTopic = new Map<string, Map<string, number>>();
  for (const r of report.replayed) {
    const codes = byTopic.get(r.record.topic) ?? new Map<string, number>();
    codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
    byTopic.set(r.record.topic, codes);
  }
  return [...byTopic].map(([topic, codes]) => {
    const n = [...codes.values()].reduce((a, b) => a + b, 0);
    const each = [...codes].map(([code, k]) => `${code} ${k}`).join(', ');
    return `would replay ${n} to ${topic} (${each})`;
  });
}
