// Kafka, serde, retry/DLQ and lifecycle surface of the runtime (re-exported by src/index.ts).
export * from '../serde';
export * from '../retry-dlq';
export * from '../lifecycle';
export { createTopicsAndWait, ensureTopics, type TopicSpec } from './admin';
export { createKafkaClient, type KafkaClient, type KafkaClientOptions } from './client';
export {
  DEFAULT_SESSION_TIMEOUT_MS,
  createConsumerRunner,
  type ConsumerRunner,
  type ConsumerRunnerOptions,
  type PausedPartition,
} from './consumer-runner';
export type { Delivery } from './delivery';
export type {
  ConsumedRecord,
  FailureSink,
  FailureStage,
  Handler,
  HandlerResult,
  InboundMessage,
  PauseSignal,
} from './handler';
export {
  StandardHeader,
  attemptOf,
  decodeHeaders,
  standardHeaders,
  type Headers,
  type RecordMeta,
  type SourceSystem,
} from './headers';
export { breakerPauseSignal, type BreakerPauseOptions, type BreakerStates } from './pause-signal';
export { createProducer, type OutgoingRecord, type Producer, type ProducerOptions, type RawRecord } from './producer';
export { routeByTopic, type TopicRouter } from './topic-router';
