// The checkpoints of a redrive, one per DLQ partition, in the backfill checkpoint table
// (state.backfill.checkpoints.v1, as a live replay keeps them: infra/replay/checkpoint.ts) under
// `dlq:<service>:<digest of service and filters>/<partition>`, `from` dlq. A fresh run fixes each partition's
// range (its first to its last dead letter as read then); a step saves the last DLQ offset done; --resume
// goes on after it, up to the same end — dead letters written since (replays failing again among them) are
// left for the next run.
import { contentHash } from '@m3mage/runtime';
import type { CheckpointStore } from '../../backfill/checkpoint';
import { loadPartition, partitionCheckpoint, type PartitionCheckpoint } from '../../replay/checkpoint';
import { partitionJob } from '../../replay/options';
import type { DlqRecord } from './read';
import { describeSelector, filtersOfSelector, type Selector } from './select';

export const DLQ_JOB_SOURCE = 'dlq';

/** `dlq:<service>:<12 hex>`: the same service and filters name the same job, whatever the option order. */
export function dlqJobId(service: string, selector: Selector): string {
  const f = filtersOfSelector(selector);
  const defining = {
    service,
    offsets: f.offsets?.map((o) => `${o.partition ?? '*'}:${o.offset}`).sort() ?? null,
    key: f.key ?? null,
    codes: f.codes ? [...f.codes].sort() : null,
    stage: f.stage ?? null,
    since: f.since ?? null,
    until: f.until ?? null,
  };
  return `dlq:${service}:${contentHash(defining).slice(0, 12)}`;
}

/** A fresh run's partitions: from the first to the last dead letter read of each. */
export function freshPoints(job: string, records: readonly DlqRecord[], now: number): PartitionCheckpoint[] {
  const ranges = new Map<number, { start: bigint; end: bigint }>();
  for (const r of records) {
    const o = BigInt(r.offset);
    const range = ranges.get(r.partition);
    if (!range) ranges.set(r.partition, { start: o, end: o + 1n });
    else {
      if (o < range.start) range.start = o;
      if (o + 1n > range.end) range.end = o + 1n;
    }
  }
  return [...ranges]
    .sort(([a], [b]) => a - b)
    .map(([partition, range]) => ({
      job,
      partition,
      range: { partition, ...range },
      done: false,
      read: 0,
      produced: 0,
      skipped: 0,
      startedAt: now,
    }));
}

/** The saved partitions of `job` among those the DLQ has. */
export function savedPoints(
  store: Pick<CheckpointStore, 'get'>,
  job: string,
  records: readonly DlqRecord[],
): PartitionCheckpoint[] {
  const partitions = [...new Set(records.map((r) => r.partition))].sort((a, b) => a - b);
  return partitions
    .map((p) => loadPartition(store, job, p, DLQ_JOB_SOURCE))
    .filter((c): c is PartitionCheckpoint => c !== undefined);
}

/** The dead letters a (resumed) job has still to go through: after each partition's last offset, before its end. */
export function remainingOf(points: readonly PartitionCheckpoint[], records: readonly DlqRecord[]): DlqRecord[] {
  const byPartition = new Map(points.map((p) => [p.partition, p]));
  return records.filter((r) => {
    const p = byPartition.get(r.partition);
    if (!p || p.done) return false;
    const o = BigInt(r.offset);
    return o >= p.range.start && o < p.range.end && (p.lastOffset === undefined || o > p.lastOffset);
  });
}

export const hasUnfinished = (store: Pick<CheckpointStore, 'get'>, job: string, records: readonly DlqRecord[]) =>
  [...new Set(records.map((r) => r.partition))].some((p) => store.get(partitionJob(job, p))?.status === 'RUNNING');

/** Saves one partition's state; the options say what the job is, for whoever reads the table. */
export function saver(store: Pick<CheckpointStore, 'save'>, dlqTopic: string, selector: Selector, now: () => number) {
  const options = { dlq: dlqTopic, filters: describeSelector(selector) };
  return (point: PartitionCheckpoint): Promise<void> =>
    store.save(partitionCheckpoint(point, { entity: dlqTopic, source: DLQ_JOB_SOURCE, options }, now()));
}
