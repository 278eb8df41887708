// The DLQ record (schemas/platform/dead-letter.avsc) and the x-* headers carrying the same facts.
import { resolve } from 'node:path';
import type { DeadLetter } from '@m3mage/schemas/types';
import type { AppError } from '../core';
import type { ConsumedRecord } from '../kafka/handler';
import type { Headers } from '../kafka/headers';
import { readAvsc } from '../serde/avsc-file';
import type { AvroSchemaJson } from '../serde/avro-serde';
import { RetryHeader } from './headers';

export type { DeadLetter };

/** `map`: read from a source system (not from Kafka) and not turned into an event. */
export type DeadLetterStage = 'decode' | 'handler' | 'retry-exhausted' | 'map';

export const deadLetterSchemaPath = resolve(import.meta.dirname, '../../../../schemas/platform/dead-letter.avsc');
export const deadLetterSchema = (): AvroSchemaJson => readAvsc(deadLetterSchemaPath);

export interface Origin {
  topic: string;
  partition: number;
  offset: string;
  attempt: number;
}

/** Headers describing the record's origin and its (last) error; the original headers are kept. */
export function failureHeaders(
  record: ConsumedRecord,
  origin: Origin,
  error: AppError,
  stage: DeadLetterStage,
  at: Date,
): Headers {
  return {
    ...record.headers,
    [RetryHeader.originalTopic]: origin.topic,
    [RetryHeader.originalPartition]: String(origin.partition),
    [RetryHeader.originalOffset]: origin.offset,
    [RetryHeader.errorClass]: error.kind,
    [RetryHeader.errorCode]: error.code,
    [RetryHeader.errorMessage]: error.message.slice(0, 1000),
    [RetryHeader.errorStage]: stage,
    [RetryHeader.attempts]: String(origin.attempt),
    [RetryHeader.failedAt]: at.toISOString(),
  };
}

/** The original headers: what the record carried before any x-* header the retry machinery added. */
function originalHeaders(headers: Headers): Record<string, string> {
  const internal = new Set<string>(Object.values(RetryHeader));
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !internal.has(name)));
}

export function deadLetterRecord(
  record: ConsumedRecord,
  origin: Origin,
  error: AppError,
  stage: DeadLetterStage,
  at: Date,
  who: { service: string; group: string },
): DeadLetter {
  return {
    originalTopic: origin.topic,
    originalPartition: origin.partition,
    originalOffset: Number(origin.offset),
    originalKey: record.key?.toString() ?? null,
    originalValue: record.value,
    originalHeaders: originalHeaders(record.headers),
    errorClass: error.kind,
    errorCode: error.code,
    errorMessage: error.message,
    stage,
    attempts: origin.attempt,
    failedAt: at.getTime(),
    service: who.service,
    group: who.group,
  };
}

/** What was read from a source system's API (not a Kafka record) and could not be turned into an event. */
export interface SourceFailure {
  /** Where it was read, e.g. `magento-rest:/V1/orders/42`; stands in for the topic. */
  source: string;
  key: string | null;
  /** A reference to the document (no copy of it: card data and personal data stay in the source). */
  value: Buffer;
  headers?: Headers;
  error: AppError;
  attempts: number;
  at: Date;
  who: { service: string; group: string };
}

/**
 * The DLQ record and headers for a source failure, in the same shape as a consumer's dead letter: partition
 * and offset are -1, the stage is `map`.
 */
export function sourceDeadLetter(f: SourceFailure): { value: DeadLetter; headers: Headers } {
  const record: ConsumedRecord = {
    topic: f.source,
    partition: -1,
    offset: '-1',
    key: f.key === null ? null : Buffer.from(f.key),
    value: f.value,
    headers: f.headers ?? {},
  };
  const origin: Origin = { topic: f.source, partition: -1, offset: '-1', attempt: f.attempts };
  return {
    value: deadLetterRecord(record, origin, f.error, 'map', f.at, f.who),
    headers: failureHeaders(record, origin, f.error, 'map', f.at),
  };
}
