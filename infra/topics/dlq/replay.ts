// Replaying dead letters: planReplay() decides for each selected one (decision.ts, plus the checks that need
// the whole DLQ or the broker), and replay() produces the replayable ones in DLQ order with the runtime
// producer, in acknowledged steps, and reports what it did. The dead letters stay in the DLQ (Kafka is
// append-only): replaying one twice produces it twice.
//
// Skipped besides what decision.ts skips: a dead letter that was replayed before and failed again (a later
// dead letter names it in its x-replayed-from) — the later one is the record to replay, replaying both would
// double the records — and an original topic that does not exist on the broker (producing would let the
// broker create it).
import type { Delivery, Producer } from '@m3mage/runtime';
import {
  dlqCoordinates,
  ReplayHeader,
  replayDecision,
  type ReplayDecision,
  type ReplayLimit,
  type ReplayRecord,
} from './decision';
import type { DlqRecord } from './read';

export {
  DEFAULT_MAX_REPLAYS,
  dlqCoordinates,
  ReplayHeader,
  replayCountOf,
  replayDecision,
  type ReplayDecision,
  type ReplayLimit,
  type ReplayRecord,
} from './decision';

export interface ReplayEntry {
  /** Where the dead letter is: `<dlq topic>:<partition>:<offset>`. */
  from: string;
  key: string | null;
}

export interface Replayed extends ReplayEntry {
  record: ReplayRecord;
  /** The error code of the dead letter. */
  code: string;
  /** Where it was written; undefined in a dry run. */
  delivery?: Delivery;
}

export interface Skipped extends ReplayEntry {
  reason: string;
  detail?: string;
}

export interface ReplayReport {
  dlqTopic: string;
  dryRun: boolean;
  replayed: Replayed[];
  skipped: Skipped[];
  /** Dead letters replayed the maximum number of times (ReplayLimit), not replayed again. */
  stopped: Skipped[];
  /** Records the producer could not write (the rest were written). */
  failed: Skipped[];
  /** The run ended before the last selected record (a --limit in tests, or a failed write). */
  interrupted: boolean;
}

/** One acknowledged step of a partition: every record up to `lastOffset` is done. */
export interface ReplayStep {
  partition: number;
  lastOffset: string;
  read: number;
  produced: number;
  skipped: number;
}

export interface ReplayOptions extends ReplayLimit {
  /** Only report what would be produced. */
  dryRun?: boolean;
  /** Injected clock for x-replayed-at (default: the system clock). */
  now?: () => Date;
  /** Whether a topic exists on the broker; records for other topics are skipped (default: all exist). */
  topicExists?: (topic: string) => boolean;
  /** Every dead letter of the DLQ, to find the ones replayed before that failed again (default: `selected`). */
  context?: readonly DlqRecord[];
  /** Records per acknowledged step (default: all of a partition in one). */
  every?: number;
  /** Called once a step's records are acknowledged (save a checkpoint); not after a failed write. */
  onStep?: (step: ReplayStep) => Promise<void>;
  /** Stop after this many records produced (a kill, in tests). */
  limit?: number;
}

export interface PlannedReplay {
  entry: ReplayEntry;
  decision: ReplayDecision;
  letter: DlqRecord;
}

/** Pure: the DLQ position of each dead letter that a later dead letter says it failed again after a replay of. */
export function supersededIn(dlqTopic: string, records: readonly DlqRecord[]): Map<string, string> {
  const later = new Map<string, string>();
  for (const r of records) {
    const from = r.letter?.originalHeaders[ReplayHeader.replayedFrom];
    if (from !== undefined) later.set(from, dlqCoordinates(dlqTopic, r));
  }
  return later;
}

/** Pure: the decision for each selected dead letter, in DLQ order, with the topic check applied. */
export function planReplay(
  dlqTopic: string,
  selected: readonly DlqRecord[],
  opts: Pick<ReplayOptions, 'now' | 'topicExists' | 'context' | 'maxReplays' | 'force'> = {},
): PlannedReplay[] {
  const now = opts.now ?? (() => new Date());
  const superseded = supersededIn(dlqTopic, opts.context ?? selected);
  return [...selected].sort(byPosition).map((r) => {
    const entry: ReplayEntry = { from: dlqCoordinates(dlqTopic, r), key: r.key ?? r.letter?.originalKey ?? null };
    const later = superseded.get(entry.from);
    if (later !== undefined && r.letter) {
      const reason = 'replayed before and failed again: the later dead letter is replayed instead';
      return { entry, decision: { action: 'skip', reason, detail: `failed again as ${later}` }, letter: r };
    }
    const decision = replayDecision(dlqTopic, r, now, opts);
    if (decision.action === 'replay' && opts.topicExists && !opts.topicExists(decision.record.topic)) {
      const reason = `topic ${decision.record.topic} does not exist on the broker`;
      return { entry, decision: { action: 'skip', reason }, letter: r };
    }
    return { entry, decision, letter: r };
  });
}

/**
 * Produces the replayable ones of `selected` (in DLQ order, so one key's records keep their order), in steps
 * of `every` records per partition: a step's records are queued without awaiting each (the producer batches
 * them and keeps their order), then awaited together before onStep. After a failed write the run ends at
 * the end of that step, which is not reported to onStep.
 */
export async function replay(
  producer: Pick<Producer, 'sendRaw'>,
  dlqTopic: string,
  selected: readonly DlqRecord[],
  opts: ReplayOptions = {},
): Promise<ReplayReport> {
  const report: ReplayReport = {
    dlqTopic,
    dryRun: opts.dryRun ?? false,
    replayed: [],
    skipped: [],
    stopped: [],
    failed: [],
    interrupted: false,
  };
  const plan = planReplay(dlqTopic, selected, opts);
  const every = opts.every ?? Number.POSITIVE_INFINITY;
  let sends: Promise<void>[] = [];
  let step: ReplayStep | undefined;
  let producedNow = 0;
  const flush = async (): Promise<boolean> => {
    const failedBefore = report.failed.length;
    await Promise.all(sends);
    sends = [];
    const done = step;
    step = undefined;
    if (report.failed.length > failedBefore) return false;
    if (done && opts.onStep) await opts.onStep(done);
    return true;
  };
  for (const [i, { entry, decision, letter }] of plan.entries()) {
    step ??= { partition: letter.partition, lastOffset: letter.offset, read: 0, produced: 0, skipped: 0 };
    step.read += 1;
    step.lastOffset = letter.offset;
    if (decision.action !== 'replay') {
      const detail = decision.action === 'skip' && decision.detail !== undefined ? { detail: decision.detail } : {};
      (decision.action === 'stop' ? report.stopped : report.skipped).push({
        ...entry,
        reason: decision.reason,
        ...detail,
      });
      step.skipped += 1;
    } else {
      const code = letter.letter?.errorCode ?? '';
      const done: Replayed = { ...entry, record: decision.record, code };
      report.replayed.push(done);
      step.produced += 1;
      if (!report.dryRun) {
        producedNow += 1;
        sends.push(
          producer.sendRaw(decision.record).then(
            (delivery) => void (done.delivery = delivery),
            (err: unknown) => {
              report.replayed.splice(report.replayed.indexOf(done), 1);
              report.failed.push({ ...entry, reason: err instanceof Error ? err.message : String(err) });
            },
          ),
        );
      }
    }
    const next = plan[i + 1]?.letter;
    const stop = opts.limit !== undefined && producedNow >= opts.limit;
    if (step.read >= every || next === undefined || next.partition !== letter.partition || stop) {
      if (!(await flush()) || stop) {
        report.interrupted = next !== undefined;
        break;
      }
    }
  }
  await flush();
  return report;
}

function byPosition(a: DlqRecord, b: DlqRecord): number {
  if (a.partition !== b.partition) return a.partition - b.partition;
  const x = BigInt(a.offset);
  const y = BigInt(b.offset);
  return x < y ? -1 : x > y ? 1 : 0;
}
