// The checkpoints of a live replay job, one per partition, in the backfill checkpoint table
// (state.backfill.checkpoints.v1, m3mage.state.BackfillCheckpoint, key `replay:<topic>:<digest>/<partition>`):
// `lastKey` holds the last offset re-produced and acknowledged, `options` the job's window and the partition's
// offset range as fixed by the first run, so --resume goes on after `lastKey` up to the same end offset.
// The DLQ redrive keeps its checkpoints the same way, with `from` dlq (infra/topics/dlq/checkpoint.ts).
import type { Checkpoint, CheckpointStore } from '../backfill/checkpoint';
import { partitionJob } from './options';
import type { PartitionRange } from './window';

export interface PartitionCheckpoint {
  job: string;
  partition: number;
  range: PartitionRange;
  /** Last offset re-produced and acknowledged; undefined: none yet. */
  lastOffset?: bigint;
  done: boolean;
  /** Records of the range read so far (re-produced or skipped by --keys). */
  read: number;
  produced: number;
  /** Records of other keys than --keys. */
  skipped: number;
  startedAt: number;
}

export interface JobWindow {
  topic: string;
  from: number;
  to: number;
  keys?: string[];
}

const REPLAY_SOURCE = 'replay';

/** What the checkpoints of a job by partition say about it: the topic read, the tool, its defining options. */
export interface PartitionJobInfo {
  entity: string;
  /** The tool (`from` of the checkpoint): `replay`, `dlq`. */
  source: string;
  options: Record<string, unknown>;
}

/** The checkpoint of one partition of a job that goes through offset ranges (a live replay, a DLQ redrive). */
export function partitionCheckpoint(c: PartitionCheckpoint, info: PartitionJobInfo, savedAt: number): Checkpoint {
  const options = { ...info.options, partition: c.partition, start: String(c.range.start), end: String(c.range.end) };
  return {
    job: partitionJob(c.job, c.partition),
    entity: info.entity,
    from: info.source,
    options: JSON.stringify(options),
    lastKey: c.lastOffset === undefined ? null : String(c.lastOffset),
    status: c.done ? 'DONE' : 'RUNNING',
    read: c.read,
    produced: c.produced,
    skippedOlder: c.skipped,
    failed: 0,
    startedAt: c.startedAt,
    savedAt,
  };
}

export function toCheckpoint(c: PartitionCheckpoint, w: JobWindow, savedAt: number): Checkpoint {
  const options = {
    from: new Date(w.from).toISOString(),
    to: new Date(w.to).toISOString(),
    ...(w.keys ? { keys: w.keys } : {}),
  };
  return partitionCheckpoint(c, { entity: w.topic, source: REPLAY_SOURCE, options }, savedAt);
}

/** The saved state of one partition of `job`, or undefined when none (or not a checkpoint of `source`). */
export function fromCheckpoint(
  job: string,
  partition: number,
  c: Checkpoint | undefined,
  source = REPLAY_SOURCE,
): PartitionCheckpoint | undefined {
  if (!c || c.from !== source) return undefined;
  const o = JSON.parse(c.options) as { start?: string; end?: string };
  if (o.start === undefined || o.end === undefined) return undefined;
  return {
    job,
    partition,
    range: { partition, start: BigInt(o.start), end: BigInt(o.end) },
    ...(c.lastKey !== null ? { lastOffset: BigInt(c.lastKey) } : {}),
    done: c.status === 'DONE',
    read: c.read,
    produced: c.produced,
    skipped: c.skippedOlder,
    startedAt: c.startedAt,
  };
}

export const loadPartition = (
  store: Pick<CheckpointStore, 'get'>,
  job: string,
  partition: number,
  source = REPLAY_SOURCE,
) => fromCheckpoint(job, partition, store.get(partitionJob(job, partition)), source);
