export { createGroupConsumer, type GroupConsumer, type GroupConsumerOptions } from './group-consumer';
export { createFailureRouter, type FailureRouterOptions } from './failure-router';
export {
  deadLetterSchema,
  deadLetterSchemaPath,
  sourceDeadLetter,
  type DeadLetter,
  type DeadLetterStage,
  type SourceFailure,
} from './dead-letter';
export { RetryHeader } from './headers';
export { createKeyLanes, type KeyLanes } from './key-lanes';
export { DEFAULT_TIER_DELAYS_MS, dlqTopic, retryDlqTopics, retryTopic, tierOf } from './topics';
