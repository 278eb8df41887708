// The contract between the consumer runner and a service's handlers.
import type { AppError } from '../core';
import type { Headers } from './headers';

export interface InboundMessage<T = unknown> {
  /** For a message coming back from a retry tier: the topic/partition/offset it was first read from. */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** null = tombstone (delete). */
  value: T | null;
  headers: Headers;
  /** 1 on first delivery, +1 per retry. */
  attempt: number;
}

export type HandlerResult =
  | { outcome: 'ack' }
  | { outcome: 'retry'; delayMs?: number; error: unknown }
  | { outcome: 'dead-letter'; error: unknown };

/** A thrown error is classified: retriable → retry, otherwise → dead letter. */
export type Handler<T = unknown> = (msg: InboundMessage<T>) => Promise<HandlerResult>;

/** A record as read from Kafka, bytes untouched (what retry and DLQ forward). */
export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Headers;
}

export type FailureStage = 'decode' | 'handler';

/** Where failed records go (implemented by retry-dlq). Every method resolves once Kafka acked. */
export interface FailureSink {
  /** When earlier messages of this record's key wait in retry, forward it behind them and return true. */
  parkIfWaiting(record: ConsumedRecord): Promise<boolean>;
  retry(record: ConsumedRecord, error: AppError, delayMs?: number): Promise<void>;
  deadLetter(record: ConsumedRecord, error: AppError, stage: FailureStage): Promise<void>;
  /** The handler acknowledged the record. */
  acked(record: ConsumedRecord): void;
  /** How a record read from `topic` presents itself to handlers (retry tiers show the original). */
  describe(record: ConsumedRecord): Pick<InboundMessage, 'topic' | 'partition' | 'offset' | 'attempt'>;
}

/**
 * "The dependency is down, wait": for errors that match (e.g. code BREAKER_OPEN), the partition pauses,
 * the message is put back without burning retry budget, and work resumes when the promise resolves.
 */
export interface PauseSignal {
  match(error: AppError): Promise<void> | undefined;
}
