// Pure: records → the steps of a timeline, in time order (record timestamp; records of the same millisecond
// in pipeline order: change, command, retry, dead letter, xref — then by offset), each with the latency
// from the step before it.
import { StandardHeader } from '@m3mage/runtime';
import type { TimelineRecord } from './record';
import type { TopicKind } from './sources';
import { summarize, type StepFacts } from './summary';

export interface Step {
  /** The record timestamp (ISO). */
  at: string;
  /** The `occurred-at` header: when the change happened at its source. */
  occurredAt: string | null;
  /** Catalogue topic name (without the namespace). */
  topic: string;
  kind: TopicKind;
  partition: number;
  offset: string;
  key: string;
  eventType: string | null;
  summary: string;
  /** Milliseconds since the step before (null for the first). */
  hopMs: number | null;
  facts: StepFacts;
}

const KIND_ORDER: Record<TopicKind, number> = { change: 0, command: 1, retry: 2, 'dead-letter': 3, xref: 4 };

export function toSteps(records: readonly TimelineRecord[]): Step[] {
  const sorted = [...records].sort(
    (a, b) =>
      a.timestamp - b.timestamp ||
      KIND_ORDER[a.searched.kind] - KIND_ORDER[b.searched.kind] ||
      a.searched.name.localeCompare(b.searched.name) ||
      (BigInt(a.offset) < BigInt(b.offset) ? -1 : BigInt(a.offset) > BigInt(b.offset) ? 1 : 0),
  );
  return sorted.map((r, i): Step => {
    const { summary, facts } = summarize(r);
    const before = sorted[i - 1];
    return {
      at: new Date(r.timestamp).toISOString(),
      occurredAt: r.headers[StandardHeader.occurredAt] ?? null,
      topic: r.searched.name,
      kind: r.searched.kind,
      partition: r.partition,
      offset: r.offset,
      key: r.key ?? '',
      eventType: r.headers[StandardHeader.eventType] ?? null,
      summary,
      hopMs: before === undefined ? null : r.timestamp - before.timestamp,
      facts,
    };
  });
}

/** `+340 ms`, `+1.2 s`, `+3 min 5 s`, `+2 h 10 min`; an em dash for the first step. */
export function formatHop(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `+${ms} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `+${Math.floor(ms / 60_000)} min ${Math.floor((ms % 60_000) / 1000)} s`;
  return `+${Math.floor(ms / 3_600_000)} h ${Math.floor((ms % 3_600_000) / 60_000)} min`;
}
