// `replay`: read one service's DLQ, pick the dead letters the selector names, and replay them into their
// original topics (skipping topics the broker does not have, dead letters replayed before that failed again,
// and stopping the ones replayed the maximum number of times). A real run saves its progress per DLQ
// partition in the checkpoint table when the namespace has it (checkpoint.ts); --resume goes on after the
// last offset saved. The pieces are read.ts, select.ts, replay.ts, checkpoint.ts.
import type { PartitionCheckpoint } from '../../replay/checkpoint';
import { TOPIC } from '../catalogue';
import { dlqJobId, freshPoints, hasUnfinished, remainingOf, savedPoints, saver } from './checkpoint';
import type { DlqSession } from './session';
import { readDeadLetters, type DlqRecord, type ReadOptions } from './read';
import { replay, type ReplayLimit, type ReplayReport, type ReplayStep } from './replay';
import { select, type Selector } from './select';
import { namespaceOf, type DlqSource } from './sources';

export interface DlqProgress {
  job: string;
  read: number;
  produced: number;
  skipped: number;
  failed: number;
  total: number;
  /** Dead letters gone through before this run (a resumed job). */
  resumedAt: number;
}

export interface ReplayCommandOptions extends ReadOptions, ReplayLimit {
  dryRun?: boolean;
  now?: () => Date;
  /** Go on after the last offset the job saved. */
  resume?: boolean;
  /** Dead letters per saved step (default 100). */
  every?: number;
  /** Stop after this many records produced (a kill, in tests). */
  limit?: number;
  onProgress?: (p: DlqProgress) => void;
  /** A line for stderr (a job started again, progress not saved). */
  note?: (text: string) => void;
}

export interface JobOutcome {
  id: string;
  /** stopped: ended early (--resume goes on); unsaved: the namespace has no checkpoint table. */
  outcome: 'done' | 'already-done' | 'stopped' | 'unsaved';
  points: PartitionCheckpoint[];
}

export interface ReplayCommandResult {
  report: ReplayReport;
  /** Offsets or filters the selector asked for that the DLQ does not have. */
  notFound: string[];
  /** The job (not for a dry run). */
  job?: JobOutcome;
}

export class NothingToResume extends Error {
  override name = 'NothingToResume';
}

type Session = Pick<DlqSession, 'client' | 'serde' | 'producer' | 'topics'> & Partial<Pick<DlqSession, 'checkpoints'>>;

export async function replayFromDlq(
  session: Session,
  source: DlqSource,
  selector: Selector,
  opts: ReplayCommandOptions = {},
): Promise<ReplayCommandResult> {
  const records = await readDeadLetters(session.client, session.serde, source.topic, opts);
  const existing = await session.topics();
  const base = {
    topicExists: (t: string) => existing.has(t),
    context: records,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.maxReplays !== undefined ? { maxReplays: opts.maxReplays } : {}),
    ...(opts.force !== undefined ? { force: opts.force } : {}),
  };
  if (opts.dryRun) {
    const { selected, notFound } = select(records, selector);
    return { report: await replay({ sendRaw: unusable }, source.topic, selected, { ...base, dryRun: true }), notFound };
  }

  const clock = () => (opts.now ?? (() => new Date()))().getTime();
  const id = dlqJobId(source.service, selector);
  const namespace = namespaceOf(source);
  const store = session.checkpoints ? await session.checkpoints(namespace) : undefined;
  let points: PartitionCheckpoint[];
  let candidates: readonly DlqRecord[] = records;
  if (opts.resume) {
    if (!store)
      throw new NothingToResume(
        `--resume needs the checkpoints in ${namespace}${TOPIC.stateBackfill}, which does not exist`,
      );
    points = savedPoints(store, id, records);
    if (points.length === 0) throw new NothingToResume(`no checkpoint of job ${id} to resume: run it without --resume`);
    if (points.every((p) => p.done))
      return { report: emptyReport(source.topic), notFound: [], job: { id, outcome: 'already-done', points } };
    candidates = remainingOf(points, records);
  } else points = freshPoints(id, records, clock());
  const selection = select(candidates, selector);
  const { selected } = selection;
  const notFound = opts.resume ? [] : selection.notFound;
  const save = store ? saver(store, source.topic, selector, clock) : async () => undefined;
  if (selected.length > 0 && !opts.resume) {
    if (!store)
      opts.note?.(`progress is not saved: ${namespace}${TOPIC.stateBackfill} does not exist (--resume unavailable)`);
    else if (hasUnfinished(store, id, records))
      opts.note?.(`job ${id} has an unfinished run; starting again — --resume goes on from where it stopped`);
    for (const p of points) await save(p);
  }

  const resumedAt = points.reduce((n, p) => n + p.read, 0);
  const total = resumedAt + selected.length;
  const progress = (): DlqProgress => ({
    job: id,
    read: points.reduce((n, p) => n + p.read, 0),
    produced: points.reduce((n, p) => n + p.produced, 0),
    skipped: points.reduce((n, p) => n + p.skipped, 0),
    failed: 0,
    total,
    resumedAt,
  });
  const onStep = async (s: ReplayStep): Promise<void> => {
    const p = points.find((x) => x.partition === s.partition);
    if (!p) return;
    p.read += s.read;
    p.produced += s.produced;
    p.skipped += s.skipped;
    p.lastOffset = BigInt(s.lastOffset);
    await save(p);
    opts.onProgress?.(progress());
  };
  const producer = selected.length === 0 ? { sendRaw: unusable } : await session.producer();
  opts.onProgress?.(progress());
  const report = await replay(producer, source.topic, selected, {
    ...base,
    every: opts.every ?? 100,
    onStep,
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
  });
  const finished = !report.interrupted && report.failed.length === 0;
  if (finished && (selected.length > 0 || opts.resume))
    for (const p of points) {
      p.done = true;
      await save(p);
    }
  const outcome = !store ? 'unsaved' : finished ? 'done' : 'stopped';
  // Nothing selected on a fresh run: no job ran (the not-found lines say why).
  if (selected.length === 0 && !opts.resume) return { report, notFound };
  return { report, notFound, job: { id, outcome, points } };
}

const emptyReport = (dlqTopic: string): ReplayReport => ({
  dlqTopic,
  dryRun: false,
  replayed: [],
  skipped: [],
  stopped: [],
  failed: [],
  interrupted: false,
});

const unusable = (): never => {
  throw new Error('nothing is produced in a dry run');
};
