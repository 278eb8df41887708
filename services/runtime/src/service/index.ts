export { baseServiceConfigSchema, type BaseServiceConfig } from './config';
export {
  createServiceContext,
  type ConsumeOptions,
  type CreateServiceContextOptions,
  type ServiceContext,
} from './context';
export { assertTopicsExist, checkServiceTopics, MissingTopicsError, type TopicLister } from './topics-check';
export { httpServerLimits, type HttpServerLimits } from './http-limits';
export { kafkaCheck, registryCheck } from './readiness';
export {
  createCompactedTable,
  createMemoryTable,
  type CompactedTable,
  type CompactedTableOptions,
} from './compacted-table';
export { createKeyedLock, type KeyedLock } from './keyed-lock';
export {
  contentHash,
  createVersionGuard,
  decodeVersion,
  encodeVersion,
  judgeVersion,
  integerVersions,
  textVersions,
  type Admitted,
  type KnownVersion,
  type Verdict,
  type Version,
  type VersionGuard,
  type VersionGuardOptions,
  type VersionScheme,
} from './version-guard';
export {
  checkpointStore,
  memoryCheckpointStore,
  readCheckpoint,
  type Checkpoint,
  type CheckpointStore,
} from './checkpoints';
export { createPollLoop, timerSchedule, type PollLoop, type PollLoopOptions, type Schedule } from './poll-loop';
export {
  createMicroBatcher,
  createUnbatched,
  type MicroBatcher,
  type MicroBatcherFactory,
  type MicroBatcherOptions,
} from './micro-batch';
export {
  consumerTuning,
  microBatcherFor,
  NAIVE,
  outboundInFlight,
  producerLinger,
  type ConsumerTuning,
} from './pipeline-mode';
