// The FailureSink: failed records go to the next retry tier of the group (attempt + 1, due after the
// tier delay) or, after the last tier, to the group's DLQ; later records of a key in retry queue behind.
// A failure that says "the endpoint is unwell" (5xx, timeout, connection, open breaker) is not a verdict on
// the record: after the last tier it runs again in that tier until `outageWaitMs` have passed since its
// first failure, so a degraded M3 or Magento is waited out (ARCHITECTURE §4.5) rather than dead-lettered.
import type { AppError, Metrics } from '../core';
import type { ConsumedRecord, FailureSink, FailureStage } from '../kafka/handler';
import { attemptOf, StandardHeader } from '../kafka/headers';
import type { Producer } from '../kafka/producer';
import { REPEATABLE_FAILURES } from '../http/repeat';
import type { ValueSerde } from '../serde/types';
import { deadLetterRecord, failureHeaders, type DeadLetterStage, type Origin } from './dead-letter';
import { RetryHeader } from './headers';
import type { KeyLanes } from './key-lanes';
import { dlqTopic, retryTopic, tierOf } from './topics';

export interface FailureRouterOptions {
  group: string;
  service: string;
  producer: Producer;
  serde: ValueSerde;
  lanes: KeyLanes;
  tierDelaysMs: readonly number[];
  /** How long endpoint failures are retried in the last tier before the DLQ (default 15 min; 0 = never). */
  outageWaitMs?: number;
  metrics?: Metrics;
  now?: () => Date;
}

export const DEFAULT_OUTAGE_WAIT_MS = 15 * 60_000;

/** Failures of the endpoint rather than of the record. */
export const isEndpointFailure = (error: AppError): boolean =>
  REPEATABLE_FAILURES.has(error.code) || error.code === 'BREAKER_OPEN';

export function createFailureRouter(opts: FailureRouterOptions): FailureSink {
  const now = opts.now ?? (() => new Date());
  const outageWaitMs = opts.outageWaitMs ?? DEFAULT_OUTAGE_WAIT_MS;
  const tiers = opts.tierDelaysMs.length;
  const tier = (r: ConsumedRecord): number => tierOf(opts.group, r.topic) ?? 0;

  const origin = (r: ConsumedRecord): Origin => {
    const h = r.headers;
    const inRetry = tier(r) > 0 && h[RetryHeader.originalTopic] !== undefined;
    return {
      topic: inRetry ? (h[RetryHeader.originalTopic] as string) : r.topic,
      partition: inRetry ? Number(h[RetryHeader.originalPartition]) : r.partition,
      offset: inRetry ? (h[RetryHeader.originalOffset] ?? r.offset) : r.offset,
      attempt: attemptOf(h),
    };
  };
  const keyOf = (r: ConsumedRecord): string | undefined => r.key?.toString();

  const originHeaders = (o: Origin): Record<string, string> => ({
    [RetryHeader.originalTopic]: o.topic,
    [RetryHeader.originalPartition]: String(o.partition),
    [RetryHeader.originalOffset]: o.offset,
  });

  const forward = async (
    r: ConsumedRecord,
    to: number,
    headers: Record<string, string>,
    delayMs = 0,
  ): Promise<void> => {
    const due = now().getTime() + Math.max(delayMs, opts.tierDelaysMs[to - 1] ?? 0);
    await opts.producer.sendRaw({
      topic: retryTopic(opts.group, to),
      key: r.key,
      value: r.value,
      headers: { ...headers, [RetryHeader.dueAt]: String(due) },
    });
  };

  async function deadLetter(r: ConsumedRecord, error: AppError, stage: DeadLetterStage): Promise<void> {
    const o = origin(r);
    const at = now();
    const topic = dlqTopic(opts.group);
    const value = deadLetterRecord(r, o, error, stage, at, opts);
    await opts.producer.sendRaw({
      topic,
      key: r.key,
      value: await opts.serde.encode(topic, value),
      headers: failureHeaders(r, o, error, stage, at),
    });
    opts.metrics?.dlqTotal.inc({ service: opts.service, topic: o.topic, code: error.code });
    const key = keyOf(r);
    if (tier(r) > 0 && key !== undefined) opts.lanes.leave(o.topic, key);
  }

  return {
    describe: (r) => origin(r),

    async parkIfWaiting(r) {
      const key = keyOf(r);
      if (key === undefined) return false;
      const o = origin(r);
      const waitingIn = opts.lanes.tierOf(o.topic, key);
      const here = tier(r);
      if (waitingIn === undefined || waitingIn <= here) return false;
      await forward(r, waitingIn, { ...r.headers, ...originHeaders(o), [RetryHeader.parked]: 'true' });
      if (here === 0) opts.lanes.enter(o.topic, key, waitingIn);
      return true;
    },

    async retry(r, error, delayMs) {
      const at = now();
      const firstFailedAt = Number(r.headers[RetryHeader.firstFailedAt] ?? at.getTime());
      const waitingOut = tiers > 0 && isEndpointFailure(error) && at.getTime() - firstFailedAt < outageWaitMs;
      const next = tier(r) + 1 > tiers && waitingOut ? tiers : tier(r) + 1;
      if (next > tiers) return deadLetter(r, error, 'retry-exhausted');
      const o = origin(r);
      const headers = {
        ...failureHeaders(r, o, error, 'handler', at),
        [StandardHeader.attempt]: String(o.attempt + 1),
        [RetryHeader.parked]: 'false',
        [RetryHeader.firstFailedAt]: String(firstFailedAt),
      };
      await forward(r, next, headers, delayMs);
      opts.metrics?.retryTotal.inc({ service: opts.service, topic: o.topic, tier: String(next) });
      const key = keyOf(r);
      if (key === undefined) return;
      if (next === 1) opts.lanes.enter(o.topic, key, next);
      else opts.lanes.moveUp(o.topic, key, next);
    },

    deadLetter: (r, error, stage: FailureStage) => deadLetter(r, error, stage),

    acked(r) {
      const key = keyOf(r);
      if (tier(r) > 0 && key !== undefined) opts.lanes.leave(origin(r).topic, key);
    },
  };
}
