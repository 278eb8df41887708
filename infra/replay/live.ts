// One live replay run: re-produces the records of the window into the same topic (replay-record.ts), partition
// by partition in offset order, and after every `every` records (and at the end of each partition) waits for
// the broker's acknowledgement and saves the partition's checkpoint (checkpoint.ts). A run killed at any
// moment resumes (--resume) after the last offset saved: at most the records of one unsaved step are produced
// again, which the consumers take as duplicates. The live consumer group is never touched.
import type { Delivery, RawRecord } from '@m3mage/runtime';
import type { CheckpointStore } from '../backfill/checkpoint';
import { loadPartition, toCheckpoint, type JobWindow, type PartitionCheckpoint } from './checkpoint';
import { NothingToResume } from './errors';
import type { TopicRecord } from './read';
import { replayRecord, skipReason } from './replay-record';
import type { PartitionRange } from './window';

export interface LiveProgress {
  job: string;
  read: number;
  produced: number;
  skipped: number;
  total: number;
  /** Records read before this run (a resumed job). */
  resumedAt: number;
}

export interface LiveSummary extends LiveProgress {
  outcome: 'done' | 'already-done' | 'stopped';
  elapsedMs: number;
}

export interface LiveDeps {
  job: string;
  window: JobWindow;
  /** Broker-side name of the topic (read from and produced to). */
  topic: string;
  /** The window's ranges as found now (a fresh run); a resumed run takes the saved ones. */
  ranges: () => Promise<PartitionRange[]>;
  partitions: readonly number[];
  read: (ranges: PartitionRange[]) => Promise<TopicRecord[]>;
  produce: (r: RawRecord) => Promise<Delivery>;
  checkpoints: Pick<CheckpointStore, 'get' | 'save'>;
  now: () => number;
  resume: boolean;
  /** Records per acknowledged step (default 200). */
  every?: number;
  /** Stop after this many records produced in this run (a kill, in tests). */
  limit?: number;
  onProgress?: (p: LiveProgress) => void;
}

async function startingPoints(d: LiveDeps): Promise<PartitionCheckpoint[]> {
  const started = d.now();
  if (!d.resume)
    return (await d.ranges()).map((range) => ({
      job: d.job,
      partition: range.partition,
      range,
      done: false,
      read: 0,
      produced: 0,
      skipped: 0,
      startedAt: started,
    }));
  const saved = d.partitions.map((p) => loadPartition(d.checkpoints, d.job, p));
  const found = saved.filter((c): c is PartitionCheckpoint => c !== undefined);
  if (found.length === 0) throw new NothingToResume(`no checkpoint of job ${d.job} to resume: run it without --resume`);
  return found;
}

const remaining = (c: PartitionCheckpoint): PartitionRange => ({
  partition: c.partition,
  start: c.lastOffset === undefined ? c.range.start : c.lastOffset + 1n,
  end: c.done ? c.range.start : c.range.end,
});

export async function runLive(d: LiveDeps): Promise<LiveSummary> {
  const started = d.now();
  const every = d.every ?? 200;
  const points = await startingPoints(d);
  const sum = (f: (c: PartitionCheckpoint) => number) => points.reduce((n, c) => n + f(c), 0);
  const resumedAt = d.resume ? sum((c) => c.read) : 0;
  const total = points.reduce((n, c) => n + Number(c.range.end - c.range.start), 0);
  const progress = (): LiveProgress => ({
    job: d.job,
    read: sum((c) => c.read),
    produced: sum((c) => c.produced),
    skipped: sum((c) => c.skipped),
    total,
    resumedAt,
  });
  const summary = (outcome: LiveSummary['outcome']): LiveSummary => ({
    ...progress(),
    outcome,
    elapsedMs: d.now() - started,
  });
  if (d.resume && points.every((c) => c.done)) return summary('already-done');

  const save = (c: PartitionCheckpoint): Promise<void> => d.checkpoints.save(toCheckpoint(c, d.window, d.now()));
  // A fresh run fixes every partition's range first, so a resume finds the partitions not reached yet too.
  if (!d.resume) for (const point of points) await save(point);
  const records = await d.read(points.map(remaining));
  const byPartition = new Map<number, TopicRecord[]>();
  for (const r of records) byPartition.set(r.partition, [...(byPartition.get(r.partition) ?? []), r]);
  let producedNow = 0;
  d.onProgress?.(progress());
  for (const point of points) {
    if (point.done) continue;
    let sends: Promise<Delivery>[] = [];
    let step = 0;
    for (const r of byPartition.get(point.partition) ?? []) {
      point.read += 1;
      if (skipReason(r, d.window.keys) !== undefined) point.skipped += 1;
      else {
        sends.push(d.produce(replayRecord(d.topic, r, () => new Date(d.now()))));
        point.produced += 1;
        producedNow += 1;
      }
      point.lastOffset = BigInt(r.offset);
      step += 1;
      const stop = d.limit !== undefined && producedNow >= d.limit;
      if (step >= every || stop) {
        await Promise.all(sends);
        await save(point);
        d.onProgress?.(progress());
        sends = [];
        step = 0;
      }
      if (stop) return summary('stopped');
    }
    await Promise.all(sends);
    point.done = true;
    await save(point);
    d.onProgress?.(progress());
  }
  return summary('done');
}
