// Pure: the text `npm run timeline` prints — a header with the key, the window and the keys followed, one line
// per step (time, hop latency, topic[partition]@offset, event type, summary, occurred-at when it differs),
// the outcome, and what was read.
import type { Timeline } from './lookup';
import { formatHop } from './steps';

export const noRecords = (t: Pick<Timeline, 'key' | 'from' | 'to'>): string =>
  `no records for ${t.key} between ${t.from} and ${t.to}`;

export function formatTimeline(t: Timeline): string {
  const followed = t.keys
    .filter((k) => k.role !== 'asked')
    .map((k) => `${k.role === 'orno' ? 'M3 order' : 'increment id'} ${k.key}`);
  const fetched = t.read.reduce((n, r) => n + r.fetched, 0);
  const read =
    `read ${t.read.filter((r) => r.end !== r.start).length} partition ranges ` +
    `(${fetched} records fetched, ${t.steps.length} of the key)` +
    (t.missingTopics.length ? `; ${t.missingTopics.length} topics missing on the broker` : '');
  if (t.steps.length === 0) return [noRecords(t), read].join('\n');
  const lines = [
    `timeline of ${t.key}${followed.length ? ` (followed: ${followed.join(', ')})` : ''}, ${t.from} → ${t.to}` +
      (t.namespace ? `, namespace ${t.namespace}` : ''),
  ];
  for (const s of t.steps) {
    const occurred = s.occurredAt && s.occurredAt !== s.at ? `  (occurred ${s.occurredAt})` : '';
    const key = s.key === t.key ? '' : `  key=${s.key}`;
    lines.push(
      `  ${s.at}  ${formatHop(s.hopMs).padStart(12)}  ${s.topic}[${s.partition}]@${s.offset}  ` +
        `${s.eventType ?? '-'}  ${s.summary}${key}${occurred}`,
    );
  }
  lines.push(`outcome: ${t.outcome.text}`, read);
  return lines.join('\n');
}
