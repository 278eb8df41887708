// The FailureSink: failed records go to the next retry tier of the group (attempt + 1, due after the
// tier delay) or, after the last tier, to the group's DLQ; later records of a key in retry queue behind.
import type { AppError, Metrics } from '../core';
import type { ConsumedRecord, FailureSink, FailureStage } from '../kafka/handler';
import { attemptOf, StandardHeader } from '../kafka/headers';
import type { Producer } from '../kafka/producer';
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
  metrics?: Metrics;
  now?: () => Date;
}

export function createFailureRouter(opts: FailureRouterOptions): FailureSink {
  const now = opts.now ?? (() => new Date());
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
      const next = tier(r) + 1;
      if (next > tiers) return deadLetter(r, error, 'retry-exhausted');
      const o = origin(r);
      const headers = {
        ...failureHeaders(r, o, error, 'handler', now()),
        [StandardHeader.attempt]: String(o.attempt + 1),
        [RetryHeader.parked]: 'false',
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
