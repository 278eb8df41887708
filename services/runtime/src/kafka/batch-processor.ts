// One KafkaJS batch (one partition): key-ordered concurrent processing, heartbeats while handlers run,
// commits up to the lowest unfinished offset, and an orderly stop on pause, rebalance or shutdown.
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import type { Metrics } from '../core';
import type { CompletedOffsets } from './completed-offsets';
import type { ConsumedRecord } from './handler';
import { decodeHeaders, StandardHeader } from './headers';
import { startHeartbeats } from './heartbeat-keeper';
import { runKeyOrdered } from './key-scheduler';
import type { Disposition } from './message-processor';
import { createOffsetTracker } from './offset-tracker';

export interface BatchContext {
  groupId: string;
  process(record: ConsumedRecord): Promise<Disposition>;
  maxInFlight: number;
  heartbeatIntervalMs: number;
  maxHandlerMs: number;
  commitIntervalMs: number;
  /** How long in-flight handlers may finish after a rebalance starts before the batch is handed back. */
  rebalanceDrainMs: number;
  completed: CompletedOffsets;
  /** Epoch ms before which a record must not run (retry tiers); the partition pauses until then. */
  notBefore?(record: ConsumedRecord): number | undefined;
  /** Topics whose records hold the whole value of their key: only the newest of a key in a batch runs. */
  conflate?: ReadonlySet<string>;
  /** The partition is paused; call `resume` when `until` resolves. */
  onPause(topic: string, partition: number, until: Promise<void>, resume: () => void, reason: string): void;
  logger: Logger;
  metrics?: Metrics;
}

/**
 * The member's hold on its partitions is changing (a rebalance) or gone (UNKNOWN_MEMBER_ID: its session
 * expired and the group gave the partitions to others). Either way the batch stops starting records and is
 * handed back by throwing; KafkaJS re-joins (with a new member id for UNKNOWN_MEMBER_ID). A member that went
 * on after losing its session would run records the new owner has already committed.
 */
const isRebalancing = (e: unknown): boolean => {
  const type = (e as { type?: unknown } | null)?.type;
  return (
    type === 'REBALANCE_IN_PROGRESS' ||
    type === 'NOT_COORDINATOR_FOR_GROUP' ||
    type === 'ILLEGAL_GENERATION' ||
    type === 'UNKNOWN_MEMBER_ID'
  );
};

const toRecord = (topic: string, partition: number, m: KafkaMessage): ConsumedRecord => ({
  topic,
  partition,
  offset: m.offset,
  key: m.key ?? null,
  value: m.value ?? null,
  headers: decodeHeaders(m.headers),
});

export async function processBatch(payload: EachBatchPayload, ctx: BatchContext): Promise<void> {
  const { topic, partition } = payload.batch;
  const records = payload.batch.messages.map((m) => toRecord(topic, partition, m));
  if (records.length === 0) return;
  const tracker = createOffsetTracker(records.map((r) => r.offset));
  const superseded = ctx.conflate?.has(topic) ? supersededIn(records) : undefined;
  const todo = records.filter((r) => {
    if (superseded?.has(r.offset)) {
      ctx.completed.add(topic, partition, r.offset);
      tracker.finish(r.offset);
      return false;
    }
    const done = ctx.completed.has(topic, partition, r.offset);
    if (done) tracker.finish(r.offset);
    return !done;
  });
  if (superseded?.size && ctx.metrics) {
    ctx.metrics.messagesTotal.inc({ service: ctx.metrics.service, topic, outcome: 'conflated' }, superseded.size);
  }
  const started = new Map<string, number>();
  let stop: { reason: string; until?: Promise<void> } | undefined;
  let rebalance: Error | undefined;
  let closed = false;
  let stalled = false;
  let lastCommitted: string | undefined;
  let committing: Promise<void> = Promise.resolve();
  const log = ctx.logger.child({ topic, partition });

  const commit = (): Promise<void> => {
    committing = committing.then(async () => {
      const next = tracker.committable();
      if (next === lastCommitted) return;
      try {
        await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
        lastCommitted = next;
        ctx.completed.prune(topic, partition, next);
      } catch (err) {
        if (isRebalancing(err)) {
          rebalance ??= err as Error;
          const reason = (err as { type?: string }).type;
          log.warn(
            { reason, offset: next },
            'offset commit refused (rebalance or lost session): the batch is handed back',
          );
        } else log.warn({ err }, 'offset commit failed');
      }
    });
    return committing;
  };

  const keeper = startHeartbeats({
    intervalMs: ctx.heartbeatIntervalMs,
    maxHandlerMs: ctx.maxHandlerMs,
    heartbeat: () => payload.heartbeat(),
    oldestInFlightSince: () => (started.size === 0 ? undefined : Math.min(...started.values())),
    onError(err) {
      if (isRebalancing(err)) {
        rebalance ??= err as Error;
        stop ??= { reason: 'rebalance' };
      } else log.warn({ err }, 'heartbeat failed');
    },
    onStall: (ageMs) => {
      // The group will give this partition to another member: start nothing more here.
      stalled = true;
      log.error({ ageMs }, 'a handler exceeded maxHandlerMs: heartbeats stop so the group can move on');
    },
  });
  const ticker = setInterval(() => void commit(), ctx.commitIntervalMs);

  // On shutdown or rebalance, records below the highest one started still run (bounded by the drain
  // deadline), so the finished set stays contiguous and the commit covers everything handled.
  let highestStarted = -1n;
  const mayStart = (r: ConsumedRecord): boolean => {
    if (payload.isStale() || stalled) return false;
    const draining = rebalance !== undefined || !payload.isRunning();
    if (draining) return stop?.until === undefined && BigInt(r.offset) < highestStarted;
    if (stop) return false;
    const due = ctx.notBefore?.(r);
    const wait = due === undefined ? 0 : due - Date.now();
    if (wait > 0) {
      stop = { reason: 'not-due', until: new Promise((res) => setTimeout(res, wait)) };
      return false;
    }
    return true;
  };

  const run = async (r: ConsumedRecord): Promise<void> => {
    started.set(r.offset, Date.now());
    if (BigInt(r.offset) > highestStarted) highestStarted = BigInt(r.offset);
    // A run of this record abandoned by an earlier batch (drain deadline) finishes first; its outcome
    // counts, so a record never runs twice at once in this process.
    // One that settled since this batch began is done (or not) already: it is not run again.
    const earlier = ctx.completed.running<Disposition>(topic, partition, r.offset);
    const settled = earlier === undefined && ctx.completed.has(topic, partition, r.offset);
    const d: Disposition = settled
      ? { kind: 'done' }
      : await (earlier ?? ctx.completed.track(topic, partition, r.offset, ctx.process(r)));
    started.delete(r.offset);
    if (d.kind === 'done') {
      ctx.completed.add(topic, partition, r.offset);
      if (!closed) tracker.finish(r.offset);
    } else stop ??= { reason: d.reason, until: d.resumeWhen };
  };

  const work = runKeyOrdered(todo, {
    maxInFlight: ctx.maxInFlight,
    keyOf: (r) => r.key?.toString() ?? null,
    run,
    mayStart,
  });
  const deadline = drainDeadline(() => rebalance !== undefined, ctx.rebalanceDrainMs);
  await Promise.race([work, deadline.reached]);
  deadline.cancel();
  keeper.stop();
  clearInterval(ticker);

  const next = tracker.committable();
  if (BigInt(next) > BigInt(records[0]?.offset ?? next)) payload.resolveOffset(String(BigInt(next) - 1n));
  await commit();
  closed = true;
  const hw = Number(payload.batch.highWatermark);
  ctx.metrics?.consumerLag.set(
    { group: ctx.groupId, topic, partition: String(partition) },
    Math.max(0, hw - Number(next)),
  );

  if (rebalance) throw rebalance; // KafkaJS re-joins; unfinished messages were not committed
  if (stop?.until) ctx.onPause(topic, partition, stop.until, payload.pause(), stop.reason);
}

/** A record's entity-version header as an exact integer; -1 when it has none (then offsets decide). */
function versionOf(r: ConsumedRecord): bigint {
  const v = r.headers[StandardHeader.entityVersion];
  return v !== undefined && /^\d{1,30}$/.test(v) ? BigInt(v) : -1n;
}

/**
 * Offsets of the records another record of the same key in the batch replaces (conflation): the one kept
 * per key has the highest entity-version header, the latest offset among equals, so a late older record
 * never hides a newer one (its version guard then drops it). Records without a key are never superseded.
 */
export function supersededIn(records: readonly ConsumedRecord[]): Set<string> {
  const kept = new Map<string, { offset: string; version: bigint }>();
  for (const r of records) {
    if (!r.key) continue;
    const key = r.key.toString();
    const version = versionOf(r);
    const best = kept.get(key);
    if (!best || version >= best.version) kept.set(key, { offset: r.offset, version });
  }
  const out = new Set<string>();
  for (const r of records) if (r.key && kept.get(r.key.toString())?.offset !== r.offset) out.add(r.offset);
  return out;
}

/** `reached` resolves `ms` after `started()` first turns true. */
function drainDeadline(started: () => boolean, ms: number): { reached: Promise<void>; cancel(): void } {
  let poll: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<void>((resolve) => {
    poll = setInterval(() => {
      if (!started()) return;
      clearInterval(poll);
      timer = setTimeout(resolve, ms);
    }, 50);
  });
  return {
    reached,
    cancel() {
      clearInterval(poll);
      clearTimeout(timer);
    },
  };
}
