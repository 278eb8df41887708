// Pure: a shadow run (run.ts) against what the live pipeline produced. For each change record, its shadow
// commands are matched with the live commands whose causation id is the record's eventId (by topic and
// idempotency key, else topic, type and key) and compared field by field. When live sent nothing for the
// record (the emitted log or the loop rule found it unchanged), a shadow command equal — apart from `meta`,
// which names the cause — to the last live command of its topic, key and type before the record is
// "unchanged"; anything else the mapping would now produce is "new", and a live command the mapping would
// no longer produce is "gone".
import { fieldDiffs, type FieldDiff } from './fields';
import type { Command, ShadowOutcome } from './run';

export interface LiveCommand extends Command {
  causationId: string | undefined;
  timestamp: number;
}

export type EntryKind = 'same' | 'unchanged' | 'nothing' | 'changed' | 'new' | 'gone' | 'failed';

export interface DiffEntry {
  kind: EntryKind;
  /** `partition/offset` of the change record. */
  at: string;
  type?: string;
  topic?: string;
  diffs?: FieldDiff[];
  /** The shadow or live command, for `new` and `gone`. */
  value?: unknown;
  note?: string;
}

export interface KeyReport {
  key: string;
  entries: DiffEntry[];
}

export const SAME_KINDS: readonly EntryKind[] = ['same', 'unchanged', 'nothing'];

const idempotencyKeyOf = (v: unknown): string | undefined => {
  const k = (v as { meta?: { idempotencyKey?: unknown } } | null)?.meta?.idempotencyKey;
  return typeof k === 'string' ? k : undefined;
};

const identity = (c: Command): string => {
  const k = idempotencyKeyOf(c.value);
  return k !== undefined ? `${c.topic}|${k}` : `${c.topic}|${c.type}|${c.key ?? ''}`;
};

const withoutMeta = (v: unknown): unknown => {
  if (typeof v !== 'object' || v === null) return v;
  const { meta: _meta, ...rest } = v as Record<string, unknown>;
  return rest;
};

/**
 * The last live command of the same topic, key and type caused before the record: by the offset of its cause
 * when the cause is in the window (a duplicate delivered right behind the original is appended before live
 * sent the original's command, so timestamps cannot tell), else by time.
 */
function previousLive(
  live: readonly LiveCommand[],
  c: Command,
  o: ShadowOutcome,
  causeOffset: ReadonlyMap<string, bigint>,
): LiveCommand | undefined {
  const offset = BigInt(o.offset);
  const rank = (l: LiveCommand): bigint => causeOffset.get(l.causationId ?? '') ?? -1n;
  let found: LiveCommand | undefined;
  for (const l of live) {
    if (l.topic !== c.topic || l.key !== c.key || l.type !== c.type) continue;
    const cause = causeOffset.get(l.causationId ?? '');
    if (cause !== undefined ? cause >= offset : l.timestamp > o.timestamp) continue;
    if (!found || rank(l) > rank(found) || (rank(l) === rank(found) && l.timestamp >= found.timestamp)) found = l;
  }
  return found;
}

function recordEntries(
  o: ShadowOutcome,
  caused: LiveCommand[],
  live: readonly LiveCommand[],
  causeOffset: ReadonlyMap<string, bigint>,
): DiffEntry[] {
  const at = `${o.partition}/${o.offset}`;
  const entries: DiffEntry[] = [];
  if (o.failure) entries.push({ kind: 'failed', at, note: o.failure });
  const left = [...caused];
  for (const c of o.commands) {
    const i = left.findIndex((l) => identity(l) === identity(c));
    const base = { at, type: c.type, topic: c.topic };
    if (i >= 0) {
      const [l] = left.splice(i, 1);
      const diffs = fieldDiffs(l?.value, c.value);
      entries.push(diffs.length ? { ...base, kind: 'changed', diffs } : { ...base, kind: 'same' });
      continue;
    }
    // Not sent for this record (it may have caused others, e.g. a payment posting): compare with the last sent.
    const prev = previousLive(live, c, o, causeOffset);
    if (prev) {
      const diffs = fieldDiffs(withoutMeta(prev.value), withoutMeta(c.value));
      if (diffs.length === 0) {
        entries.push({ ...base, kind: 'unchanged', note: 'live did not send it again: equal to the last one sent' });
        continue;
      }
      entries.push({ ...base, kind: 'new', value: c.value, diffs, note: 'live sent nothing for this record' });
      continue;
    }
    entries.push({ ...base, kind: 'new', value: c.value, note: 'live produced no such command for this record' });
  }
  for (const l of left) entries.push({ kind: 'gone', at, type: l.type, topic: l.topic, value: l.value });
  if (entries.length === 0) entries.push({ kind: 'nothing', at, note: 'no command, live or shadow' });
  return entries;
}

export function diffShadow(outcomes: readonly ShadowOutcome[], live: readonly LiveCommand[]): KeyReport[] {
  const byCause = new Map<string, LiveCommand[]>();
  for (const l of live)
    if (l.causationId !== undefined) byCause.set(l.causationId, [...(byCause.get(l.causationId) ?? []), l]);
  // Records of one key share a partition: their offsets order them.
  const causeOffset = new Map<string, bigint>();
  for (const o of outcomes)
    if (o.eventId !== undefined && !causeOffset.has(o.eventId)) causeOffset.set(o.eventId, BigInt(o.offset));
  const byKey = new Map<string, DiffEntry[]>();
  for (const o of outcomes) {
    const caused = o.eventId === undefined ? [] : (byCause.get(o.eventId) ?? []);
    const key = o.key ?? '(no key)';
    byKey.set(key, [...(byKey.get(key) ?? []), ...recordEntries(o, caused, live, causeOffset)]);
  }
  return [...byKey].map(([key, entries]) => ({ key, entries }));
}

export interface DiffCounts {
  records: number;
  keys: number;
  same: number;
  changed: number;
  new: number;
  gone: number;
  failed: number;
}

export function countDiff(records: number, reports: readonly KeyReport[]): DiffCounts {
  const all = reports.flatMap((r) => r.entries);
  const n = (k: EntryKind) => all.filter((e) => e.kind === k).length;
  return {
    records,
    keys: reports.length,
    same: all.filter((e) => SAME_KINDS.includes(e.kind)).length,
    changed: n('changed'),
    new: n('new'),
    gone: n('gone'),
    failed: n('failed'),
  };
}

/** Whether nothing differs: every entry of every key is the same as live. */
export const isEmptyDiff = (reports: readonly KeyReport[]): boolean =>
  reports.every((r) => r.entries.every((e) => SAME_KINDS.includes(e.kind)));
