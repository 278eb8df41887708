// The skeleton every service stands on: logger, metrics, Kafka client, serde, producer, HTTP server with
// health, consumers and an ordered lifecycle — built from config, nothing global. A service's main.ts is:
//   config → createServiceContext → build app (routes, handlers) → start().
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { createKafkaClient, type KafkaClient } from '../kafka/client';
import { createProducer, type Producer } from '../kafka/producer';
import type { Handler, PauseSignal } from '../kafka/handler';
import { createLifecycle, type Lifecycle, type SignalSource } from '../lifecycle';
import { createGroupConsumer, type GroupConsumer } from '../retry-dlq';
import { createAvroSerde, type AvroSchemaJson, type AvroSerde } from '../serde';
import { healthPlugin } from '../health/plugin';
import type { HealthCheck } from '../health/checks';
import { createLogger, type Logger } from '../log/logger';
import { createMetrics, type Metrics } from '../metrics/metrics';
import type { BaseServiceConfig } from './config';
import { kafkaCheck, registryCheck } from './readiness';
import { checkServiceTopics } from './topics-check';
import { createCompactedTable, type CompactedTable } from './compacted-table';
import { httpServerLimits } from './http-limits';
import type { MicroBatcherFactory } from './micro-batch';
import { consumerTuning, microBatcherFor, producerLinger } from './pipeline-mode';
import type { PipelineMode } from '../config/fragments';

/** A consumer group as the topic catalogue states it (infra/topics/catalogue.ts GROUP). */
export interface ConsumerGroupSpec {
  id: string;
  consumes: readonly string[];
  retryDelaysMs: readonly number[];
}

export interface ConsumeOptions<T> {
  /** Default: the service's group (CreateServiceContextOptions.group). */
  groupId?: string;
  /** Default: what the service's group consumes. */
  topics?: readonly string[];
  handler: Handler<T>;
  pauseSignals?: PauseSignal[];
  maxInFlight?: number;
  tierDelaysMs?: number[];
  sessionTimeoutMs?: number;
  fromBeginning?: boolean;
  /** Catalogue topics whose records may be conflated per key (the catalogue's `conflatable` topics). */
  conflate?: readonly string[];
}
// PIPELINE_MODE=naive overrides maxInFlight (1) and conflate (none) of every consume(), the producer's linger
// (0) and the context's micro-batchers (one item per call): pipeline-mode.ts.

export interface ServiceContext<C extends BaseServiceConfig> {
  name: string;
  version: string;
  config: C;
  /** PIPELINE_MODE: `naive` is the benchmarks' baseline (pipeline-mode.ts); the context applies it. */
  mode: PipelineMode;
  logger: Logger;
  metrics: Metrics;
  kafka: KafkaClient;
  serde: AvroSerde;
  producer: Producer;
  lifecycle: Lifecycle;
  /** Health routes are registered; add the service's routes before start(). */
  http: FastifyInstance;
  addReadinessCheck(name: string, check: HealthCheck): void;
  /** A consumer group with retry tiers and DLQ, started by start() and stopped by the lifecycle. */
  consume<T>(opts: ConsumeOptions<T>): GroupConsumer;
  /**
   * A compacted catalogue topic as an in-memory table (loaded by start() before consumers start, kept
   * tailing, stopped by the lifecycle). set() writes through the service's producer.
   */
  table<V>(topic: string, accept?: (value: unknown) => V | undefined): CompactedTable<V>;
  /** A micro-batcher following the mode: batches as asked (optimised), or every item alone at once (naive). */
  microBatcher: MicroBatcherFactory;
  /** Stopped before the consumers and the producer (register intake-like components here). */
  onStop(name: string, fn: () => Promise<void> | void): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The address the HTTP server listens on, after start(). */
  url(): string;
  /** The broker-side name of a catalogue topic or group (with KAFKA_NAMESPACE). */
  topic(name: string): string;
  /** The service's consumer group, as the catalogue states it (none for a service that only produces). */
  group?: ConsumerGroupSpec;
}

export interface CreateServiceContextOptions<C extends BaseServiceConfig> {
  name: string;
  version: string;
  config: C;
  /** The service's consumer group from the catalogue: its topics must exist; consume() defaults to it. */
  group?: ConsumerGroupSpec;
  /** Topics this service produces to: they must exist, their value schemas are registered at start. */
  produces: readonly string[];
  /** Topics read besides the group's (compacted tables): they must exist. */
  reads?: readonly string[];
  schemaOf: (topic: string) => object;
  logDestination?: DestinationStream;
  signals?: SignalSource;
  exit?: (code: number) => void;
  producerLingerMs?: number;
}

export async function createServiceContext<C extends BaseServiceConfig>(
  opts: CreateServiceContextOptions<C>,
): Promise<ServiceContext<C>> {
  const { config } = opts;
  const mode = config.PIPELINE_MODE;
  const name = config.SERVICE_NAME ?? opts.name;
  const logger = createLogger({
    service: name,
    version: opts.version,
    level: config.LOG_LEVEL,
    ...(opts.logDestination ? { destination: opts.logDestination } : {}),
  });
  const metrics = createMetrics({ service: name });
  const sasl =
    config.KAFKA_SASL_MECHANISM && config.KAFKA_SASL_USERNAME && config.KAFKA_SASL_PASSWORD
      ? {
          mechanism: config.KAFKA_SASL_MECHANISM,
          username: config.KAFKA_SASL_USERNAME,
          password: config.KAFKA_SASL_PASSWORD,
        }
      : undefined;
  const kafka = createKafkaClient({
    clientId: `${config.KAFKA_CLIENT_ID}-${name}`,
    brokers: config.KAFKA_BROKERS,
    logger,
    ssl: config.KAFKA_SSL,
    ...(sasl ? { sasl } : {}),
  });
  const ns = config.KAFKA_NAMESPACE ?? '';
  const t = (topicName: string): string => `${ns}${topicName}`;
  const local = (topicName: string): string =>
    ns && topicName.startsWith(ns) ? topicName.slice(ns.length) : topicName;
  await checkServiceTopics(kafka, [...opts.produces, ...(opts.group?.consumes ?? []), ...(opts.reads ?? [])].map(t));
  const serde = createAvroSerde({ registryUrl: config.SCHEMA_REGISTRY_URL });
  for (const topic of opts.produces) await serde.register(t(topic), opts.schemaOf(topic) as AvroSchemaJson);
  const lingerMs = producerLinger(mode, opts.producerLingerMs);
  const brokerProducer = createProducer({
    client: kafka,
    logger,
    serde,
    metrics,
    ...(lingerMs !== undefined ? { lingerMs } : {}),
  });
  await brokerProducer.connect();
  // What services see: catalogue names in, namespaced names on the broker.
  const producer: Producer = {
    ...brokerProducer,
    send: (r) => brokerProducer.send({ ...r, topic: t(r.topic) }),
    sendRaw: (r) => brokerProducer.sendRaw({ ...r, topic: t(r.topic) }),
  };

  const lifecycle = createLifecycle({
    logger,
    deadlineMs: config.SHUTDOWN_DEADLINE_MS,
    ...(opts.signals ? { signals: opts.signals } : {}),
    ...(opts.exit ? { exit: opts.exit } : {}),
  });
  const kafkaHealth = kafkaCheck(kafka);
  const checks: Record<string, HealthCheck> = {
    kafka: kafkaHealth.check,
    registry: registryCheck(config.SCHEMA_REGISTRY_URL),
  };
  // Typed as the default instance so routes and plugins of services need no logger generics.
  // Per-request logs stay off (metrics count requests); fastify's own warnings and errors still log.
  const http = Fastify({
    loggerInstance: logger.child({ component: 'http' }, { level: 'warn' }),
    ...httpServerLimits(config),
  }) as unknown as FastifyInstance;
  await http.register(healthPlugin, { checks, metrics });

  const consumers: GroupConsumer[] = [];
  const tables: CompactedTable<unknown>[] = [];
  const intake: { name: string; fn: () => Promise<void> | void }[] = [];
  let address = '';

  const ctx: ServiceContext<C> = {
    name,
    version: opts.version,
    config,
    mode,
    logger,
    metrics,
    kafka,
    serde,
    producer,
    lifecycle,
    http,
    addReadinessCheck(checkName, check) {
      checks[checkName] = check;
    },
    consume<T>(c: ConsumeOptions<T>) {
      const groupId = c.groupId ?? opts.group?.id;
      const topics = c.topics ?? opts.group?.consumes;
      if (!groupId || !topics)
        throw new Error(`${name}: consume() needs a group (the service's or groupId and topics)`);
      const tierDelaysMs = c.tierDelaysMs ?? (groupId === opts.group?.id ? [...opts.group.retryDelaysMs] : undefined);
      // The operator's setting wins over the service's; otherwise the runtime's default (6 s, ADR 0010).
      const sessionTimeoutMs = config.KAFKA_SESSION_TIMEOUT_MS ?? c.sessionTimeoutMs;
      const tuning = consumerTuning(mode, {
        ...(c.maxInFlight !== undefined ? { maxInFlight: c.maxInFlight } : {}),
        ...(c.conflate ? { conflate: c.conflate } : {}),
      });
      const group = createGroupConsumer<T>({
        client: kafka,
        service: name,
        groupId: t(groupId),
        topics: topics.map(t),
        handler: ns ? (msg) => c.handler({ ...msg, topic: local(msg.topic) }) : c.handler,
        serde,
        producer: brokerProducer,
        logger,
        metrics,
        ...(c.pauseSignals ? { pauseSignals: c.pauseSignals } : {}),
        outageWaitMs: config.RETRY_OUTAGE_WAIT_MS,
        ...(tuning.maxInFlight !== undefined ? { maxInFlight: tuning.maxInFlight } : {}),
        ...(config.RETRY_DELAYS_MS ? { tierDelaysMs: config.RETRY_DELAYS_MS } : tierDelaysMs ? { tierDelaysMs } : {}),
        ...(sessionTimeoutMs !== undefined ? { sessionTimeoutMs } : {}),
        ...(c.fromBeginning !== undefined ? { fromBeginning: c.fromBeginning } : {}),
        ...(tuning.conflate ? { conflate: tuning.conflate.map(t) } : {}),
      });
      consumers.push(group);
      checks[`consumer:${t(groupId)}`] = async () =>
        group.isConnected() ? { ok: true } : { ok: false, detail: `consumer group ${groupId} not connected` };
      return group;
    },
    table<V>(topic: string, accept?: (value: unknown) => V | undefined): CompactedTable<V> {
      const table = createCompactedTable<V>({
        client: kafka,
        topic: t(topic),
        producerTopic: topic,
        producer,
        serde,
        logger,
        groupPrefix: `${t(name)}.table`,
        ...(accept ? { accept } : {}),
      });
      tables.push(table);
      return table;
    },
    microBatcher: (batcherOpts) => microBatcherFor(mode, batcherOpts),
    onStop(stopName, fn) {
      intake.push({ name: stopName, fn });
    },
    async start() {
      await checkServiceTopics(
        kafka,
        consumers.flatMap((g) => g.retryDlqTopics),
      );
      // Registered first = stopped last: producer after consumers, consumers after HTTP intake.
      lifecycle.register('kafka-admin', () => kafkaHealth.close());
      lifecycle.register('producer', () => brokerProducer.close());
      for (const table of tables) {
        lifecycle.register('table', () => table.stop());
        await table.start();
      }
      for (const g of consumers) {
        lifecycle.register('consumer', () => g.stop());
        await g.start();
      }
      for (const i of intake) lifecycle.register(i.name, i.fn);
      address = await http.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
      lifecycle.register('http', () => http.close());
      lifecycle.installSignalHandlers();
      logger.info({ url: address, consumers: consumers.length, mode }, `${name} started`);
      if (mode === 'naive')
        logger.warn(
          'PIPELINE_MODE=naive: no conflation, one message at a time per partition, no linger, no micro-batches, one M3 call at a time (benchmark baseline)',
        );
    },
    async stop() {
      await lifecycle.shutdown('stop requested');
    },
    url: () => address,
    topic: t,
    ...(opts.group ? { group: opts.group } : {}),
  };
  return ctx;
}
