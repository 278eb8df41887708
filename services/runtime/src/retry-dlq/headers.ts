// Header names the retry/DLQ machinery writes; Kafka UI shows them next to the record.
export const RetryHeader = Object.freeze({
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
  errorClass: 'x-error-class',
  errorCode: 'x-error-code',
  errorMessage: 'x-error-message',
  errorStage: 'x-error-stage',
  attempts: 'x-attempts',
  failedAt: 'x-failed-at',
  /** Epoch ms of the record's first failure (kept across tiers: how long an outage has been waited out). */
  firstFailedAt: 'x-first-failed-at',
  /** Epoch ms before which a retry-tier record must not run. */
  dueAt: 'x-retry-due-at',
  /** "true" when the record did not fail itself but waits behind an earlier record of its key. */
  parked: 'x-retry-parked',
} as const);
