// One backfill run: resume point from the checkpoint (--resume), then page by page — wait for the live
// consumers (lag bound), take the rate budget, produce the page's snapshot records and dead letters and wait
// for the broker's acknowledgement, then save the checkpoint (last key, counts). The counts are the
// summary: read, produced, skipped as older (a live change of the key is newer), failed with reasons.
// A job already done is not run again unless asked for without --resume (a new run of the same job).
import type { OutgoingRecord } from '@m3mage/runtime';
import type { Checkpoint, CheckpointStore } from './checkpoint';
import { definingOptions, jobId, type BackfillOptions } from './options';
import type { SnapshotSource } from './source';
import type { LagGate, RateBudget } from './throttle';

export interface BackfillProgress {
  job: string;
  read: number;
  produced: number;
  skippedOlder: number;
  failed: number;
  /** Rows there are in all, when the source can tell. */
  total?: number;
  /** Rows counted before this run (a resumed job). */
  resumedAt: number;
}

export interface BackfillSummary extends BackfillProgress {
  outcome: 'done' | 'already-done';
  /** The first reasons of failed rows, with their keys (every one is in the dead-letter topic). */
  failures: Array<{ key: string; reason: string }>;
  elapsedMs: number;
}

export interface RunnerDeps {
  source: SnapshotSource;
  checkpoints: CheckpointStore;
  /** Resolves when Kafka acknowledged the record. */
  produce: (record: OutgoingRecord) => Promise<unknown>;
  rate: RateBudget;
  gate: LagGate;
  now: () => number;
  onProgress?: (p: BackfillProgress) => void;
  onResume?: (c: Checkpoint) => void;
}

const FAILURES_KEPT = 20;

export class NothingToResume extends Error {
  override name = 'NothingToResume';
}

export async function runBackfill(o: BackfillOptions, deps: RunnerDeps): Promise<BackfillSummary> {
  const job = jobId(o);
  const started = deps.now();
  const saved = deps.checkpoints.get(job);
  if (o.resume && !saved) throw new NothingToResume(`no checkpoint of job ${job} to resume: run it without --resume`);
  const failures: BackfillSummary['failures'] = [];
  const total = await deps.source.total?.();
  const base = o.resume && saved ? saved : undefined;
  const progress: BackfillProgress = {
    job,
    read: base?.read ?? 0,
    produced: base?.produced ?? 0,
    skippedOlder: base?.skippedOlder ?? 0,
    failed: base?.failed ?? 0,
    resumedAt: base?.read ?? 0,
    ...(total !== undefined ? { total } : {}),
  };
  const summary = (outcome: BackfillSummary['outcome']): BackfillSummary => ({
    ...progress,
    outcome,
    failures,
    elapsedMs: deps.now() - started,
  });
  if (base?.status === 'DONE') return summary('already-done');
  if (base) deps.onResume?.(base);

  const checkpoint = (lastKey: string | null, status: Checkpoint['status']): Checkpoint => ({
    job,
    entity: o.entity,
    from: o.from,
    options: definingOptions(o),
    lastKey,
    status,
    read: progress.read,
    produced: progress.produced,
    skippedOlder: progress.skippedOlder,
    failed: progress.failed,
    startedAt: base?.startedAt ?? started,
    savedAt: deps.now(),
  });

  let lastKey = base?.lastKey ?? null;
  deps.onProgress?.(progress);
  for await (const page of deps.source.pages(lastKey)) {
    if (page.length === 0) continue;
    await deps.gate.pass();
    const sends: Promise<unknown>[] = [];
    const produced = page.filter((r) => r.kind !== 'older').length;
    if (!o.dryRun) await deps.rate.take(produced);
    for (const row of page) {
      progress.read += 1;
      if (row.kind === 'older') progress.skippedOlder += 1;
      else if (row.kind === 'record') {
        progress.produced += 1;
        if (!o.dryRun) sends.push(deps.produce(row.record));
      } else {
        progress.failed += 1;
        if (failures.length < FAILURES_KEPT) failures.push({ key: row.key, reason: row.reason });
        if (!o.dryRun && row.deadLetter) sends.push(deps.produce(row.deadLetter));
      }
    }
    await Promise.all(sends);
    lastKey = page[page.length - 1]?.key ?? lastKey;
    if (!o.dryRun) await deps.checkpoints.save(checkpoint(lastKey, 'RUNNING'));
    deps.onProgress?.(progress);
  }
  if (!o.dryRun) await deps.checkpoints.save(checkpoint(lastKey, 'DONE'));
  return summary('done');
}
