// A consumer group as services use it: the main runner on the service's topics plus a runner on the
// group's retry tiers (group `<group>.retry`, each record run only when due), sharing one failure router
// so that a key waiting in retry holds back its later records on both.
import type { Logger } from 'pino';
import type { Metrics } from '../core';
import type { KafkaClient } from '../kafka/client';
import { createConsumerRunner, type ConsumerRunner, type ConsumerRunnerOptions } from '../kafka/consumer-runner';
import type { Handler, PauseSignal } from '../kafka/handler';
import type { Producer } from '../kafka/producer';
import type { AvroSerde } from '../serde/avro-serde';
import { deadLetterSchema } from './dead-letter';
import { createFailureRouter } from './failure-router';
import { RetryHeader } from './headers';
import { createKeyLanes } from './key-lanes';
import { DEFAULT_TIER_DELAYS_MS, dlqTopic, retryDlqTopics, retryTopic } from './topics';

type Tuning = Pick<
  ConsumerRunnerOptions<unknown>,
  | 'maxInFlight'
  | 'partitions'
  | 'sessionTimeoutMs'
  | 'heartbeatIntervalMs'
  | 'rebalanceTimeoutMs'
  | 'maxHandlerMs'
  | 'commitIntervalMs'
  | 'rebalanceDrainMs'
  | 'fromBeginning'
  | 'maxBytesPerPartition'
  | 'maxWaitTimeMs'
  | 'conflate'
>;

export interface GroupConsumerOptions<T> extends Tuning {
  client: KafkaClient;
  service: string;
  groupId: string;
  topics: string[];
  handler: Handler<T>;
  serde: AvroSerde;
  /** Forwards to retry tiers and the DLQ (the service's producer). */
  producer: Producer;
  logger: Logger;
  metrics?: Metrics;
  /** Delay per retry tier; its length is the number of tiers (default 1 s, 10 s, 60 s). */
  tierDelaysMs?: readonly number[];
  /** Endpoint failures keep running in the last tier this long before the DLQ (default 15 min). */
  outageWaitMs?: number;
  pauseSignals?: PauseSignal[];
}

export interface GroupConsumer extends ConsumerRunner {
  /** The group's retry tier topics and DLQ (they must exist: see the topic catalogue). */
  readonly retryDlqTopics: string[];
  readonly main: ConsumerRunner;
  readonly retry: ConsumerRunner;
}

export function createGroupConsumer<T>(opts: GroupConsumerOptions<T>): GroupConsumer {
  const tierDelaysMs = opts.tierDelaysMs ?? DEFAULT_TIER_DELAYS_MS;
  const sink = createFailureRouter({
    group: opts.groupId,
    service: opts.service,
    producer: opts.producer,
    serde: opts.serde,
    lanes: createKeyLanes(),
    tierDelaysMs,
    ...(opts.outageWaitMs !== undefined ? { outageWaitMs: opts.outageWaitMs } : {}),
    ...(opts.metrics ? { metrics: opts.metrics } : {}),
  });
  const {
    client,
    topics: _t,
    groupId,
    service: _s,
    producer: _p,
    tierDelaysMs: _d,
    outageWaitMs: _w,
    ...common
  } = opts;
  const main = createConsumerRunner({ ...common, client, groupId, topics: opts.topics, sink });
  const retry = createConsumerRunner({
    ...common,
    client,
    sink,
    groupId: `${groupId}.retry`,
    topics: tierDelaysMs.map((_, i) => retryTopic(groupId, i + 1)),
    fromBeginning: true,
    notBefore: (r) => {
      const due = Number(r.headers[RetryHeader.dueAt]);
      return Number.isFinite(due) ? due : undefined;
    },
  });

  return {
    retryDlqTopics: retryDlqTopics(groupId, tierDelaysMs.length),
    main,
    retry,
    async start() {
      await opts.serde.register(dlqTopic(groupId), deadLetterSchema());
      await retry.start();
      await main.start();
    },
    async stop() {
      await Promise.all([main.stop(), retry.stop()]);
    },
    paused: () => [...main.paused(), ...retry.paused()],
    stats: () => {
      const a = main.stats();
      const b = retry.stats();
      return { groupJoins: a.groupJoins + b.groupJoins, crashes: a.crashes + b.crashes };
    },
    isConnected: () => main.isConnected() && retry.isConnected(),
  };
}
