// The consumer runner: eachBatch with autoCommit off; per partition, keys run concurrently up to
// `maxInFlight` and each key strictly in order; commits only up to the lowest unfinished offset.
import type { Consumer } from 'kafkajs';
import type { Logger } from 'pino';
import type { Metrics } from '../core';
import type { ValueSerde } from '../serde/types';
import { processBatch } from './batch-processor';
import type { KafkaClient } from './client';
import { createCompletedOffsets } from './completed-offsets';
import type { ConsumedRecord, FailureSink, Handler, PauseSignal } from './handler';
import { createMessageProcessor } from './message-processor';

/**
 * A member that dies without leaving (kill -9, OOM, power) holds its partitions until its session expires:
 * a restarted process joins as a new member and waits for that. 6 s is the broker's default floor
 * (group.min.session.timeout.ms); slow handlers are covered by the heartbeat keeper (ADR 0010).
 */
export const DEFAULT_SESSION_TIMEOUT_MS = 6000;

/** A tenth of the session (at least 500 ms): several heartbeats may be lost before the session is. */
export const defaultHeartbeatIntervalMs = (sessionTimeoutMs: number): number =>
  Math.max(500, Math.floor(sessionTimeoutMs / 10));

export interface ConsumerRunnerOptions<T> {
  client: KafkaClient;
  groupId: string;
  topics: string[];
  handler: Handler<T>;
  serde: ValueSerde;
  /** Retry/DLQ routing (createRetryDlq(...).sink). */
  sink: FailureSink;
  logger: Logger;
  metrics?: Metrics;
  /** Handlers running at once per partition (default 64). */
  maxInFlight?: number;
  /** Partitions processed at once (default 16). */
  partitions?: number;
  /** How long a member that stopped heartbeating keeps its partitions (default 6 s). */
  sessionTimeoutMs?: number;
  /** Default: a tenth of the session timeout, at least 500 ms. */
  heartbeatIntervalMs?: number;
  rebalanceTimeoutMs?: number;
  /** A handler running longer is presumed hung: heartbeats stop (default 5 min). */
  maxHandlerMs?: number;
  commitIntervalMs?: number;
  /** After a rebalance starts, how long in-flight handlers may finish before work is handed back (default 10 s). */
  rebalanceDrainMs?: number;
  /** Where a new group starts (default: earliest, so nothing is skipped). */
  fromBeginning?: boolean;
  maxBytesPerPartition?: number;
  /** Longest a fetch waits for new records (default 500 ms: resumed partitions are picked up quickly). */
  maxWaitTimeMs?: number;
  pauseSignals?: PauseSignal[];
  /** Epoch ms before which a record must not run (used by the retry tiers). */
  notBefore?(record: ConsumedRecord): number | undefined;
  /**
   * Topics (broker names) whose records each hold the whole value of their key: of the records of one key
   * in a fetched batch only the newest runs, the others are acknowledged unrun (counted as `conflated`).
   */
  conflate?: readonly string[];
}

export interface PausedPartition {
  topic: string;
  partition: number;
  reason: string;
}

export interface ConsumerRunner {
  start(): Promise<void>;
  /** Stop fetching, let in-flight handlers finish, commit, leave the group. */
  stop(): Promise<void>;
  paused(): PausedPartition[];
  /** Counters for tests and health: group joins (rebalances + 1), crashes. */
  stats(): { groupJoins: number; crashes: number };
  /** True while the consumer is a group member. */
  isConnected(): boolean;
}

export function createConsumerRunner<T>(opts: ConsumerRunnerOptions<T>): ConsumerRunner {
  const log = opts.logger.child({ component: 'consumer', group: opts.groupId });
  const sessionTimeout = opts.sessionTimeoutMs ?? DEFAULT_SESSION_TIMEOUT_MS;
  const heartbeatInterval = opts.heartbeatIntervalMs ?? defaultHeartbeatIntervalMs(sessionTimeout);
  const conflate: ReadonlySet<string> = new Set(opts.conflate ?? []);
  const consumer: Consumer = opts.client.kafka.consumer({
    groupId: opts.groupId,
    sessionTimeout,
    heartbeatInterval,
    rebalanceTimeout: opts.rebalanceTimeoutMs ?? 60_000,
    maxBytesPerPartition: opts.maxBytesPerPartition ?? 1_048_576,
    maxWaitTimeInMs: opts.maxWaitTimeMs ?? 500,
  });
  const process = createMessageProcessor({
    handler: opts.handler as Handler<unknown>,
    serde: opts.serde,
    sink: opts.sink,
    logger: log,
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
    ...(opts.pauseSignals ? { pauseSignals: opts.pauseSignals } : {}),
  });
  const completed = createCompletedOffsets();
  const pausedNow = new Map<string, PausedPartition>();
  const stats = { groupJoins: 0, crashes: 0 };
  let connected = false;
  let running = false;

  consumer.on(consumer.events.GROUP_JOIN, () => {
    stats.groupJoins += 1;
    connected = true;
  });
  consumer.on(consumer.events.CRASH, (e) => {
    stats.crashes += 1;
    log.error({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
  });
  consumer.on(consumer.events.STOP, () => {
    connected = false;
  });

  const onPause = (
    topic: string,
    partition: number,
    until: Promise<void>,
    resume: () => void,
    reason: string,
  ): void => {
    const id = `${topic}:${partition}`;
    pausedNow.set(id, { topic, partition, reason });
    if (reason !== 'not-due') log.warn({ topic, partition, reason }, 'partition paused');
    void until.then(() => {
      pausedNow.delete(id);
      if (running) resume();
    });
  };

  return {
    async start() {
      running = true;
      await consumer.connect();
      await consumer.subscribe({ topics: opts.topics, fromBeginning: opts.fromBeginning ?? true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: opts.partitions ?? 16,
        eachBatch: (payload) =>
          processBatch(payload, {
            groupId: opts.groupId,
            process,
            maxInFlight: opts.maxInFlight ?? 64,
            heartbeatIntervalMs: heartbeatInterval,
            maxHandlerMs: opts.maxHandlerMs ?? 300_000,
            commitIntervalMs: opts.commitIntervalMs ?? 1000,
            rebalanceDrainMs: opts.rebalanceDrainMs ?? 10_000,
            completed,
            onPause,
            logger: log,
            ...(opts.notBefore ? { notBefore: (r: ConsumedRecord) => opts.notBefore?.(r) } : {}),
            ...(conflate.size > 0 ? { conflate } : {}),
            ...(opts.metrics ? { metrics: opts.metrics } : {}),
          }),
      });
    },
    async stop() {
      running = false;
      await consumer.stop();
      await consumer.disconnect();
      connected = false;
    },
    paused: () => [...pausedNow.values()],
    stats: () => ({ ...stats }),
    isConnected: () => connected,
  };
}
