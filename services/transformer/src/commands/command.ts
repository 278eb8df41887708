// Building command records: meta (idempotency key, correlation = the record key: increment id for orders,
// sku for products; causation = source eventId) and the standard headers. The command id is derived from what caused it, so a replay yields the same id.
import { createHash } from 'node:crypto';
import type { Headers, OutgoingRecord } from '@m3mage/runtime';
import type { CommandMeta, Source } from '@m3mage/schemas/types';

export interface CommandSpec<T> {
  topic: string;
  /** Avro record name, also the `event-type` header. */
  type: string;
  /** The record key (the business entity whose order matters), also the correlation id. */
  key: string;
  idempotencyKey: string;
  body: T;
  /** The entity's version (decimal integer) for the `entity-version` header, on conflatable topics. */
  version?: string;
  /** Headers of the change record the command carries on (`carriedHeaders`). */
  headers?: Headers;
}

/**
 * Headers of a change record a command carries on: `ingest-source` (e.g. `backfill` on the snapshot records of
 * infra/backfill), so a writer can tell a bulk load from a live change without a schema field.
 */
export const CARRIED_HEADERS = Object.freeze(['ingest-source'] as const);

export function carriedHeaders(from: Headers): Headers | undefined {
  const kept = Object.fromEntries(CARRIED_HEADERS.flatMap((h) => (from[h] !== undefined ? [[h, from[h]]] : [])));
  return Object.keys(kept).length > 0 ? kept : undefined;
}

export function commandId(causationId: string, idempotencyKey: string): string {
  const h = createHash('sha256').update(`${causationId}\n${idempotencyKey}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export function commandRecord<T extends object>(
  spec: CommandSpec<T>,
  source: Source,
  now: () => number,
): OutgoingRecord<T & { meta: CommandMeta }> {
  const meta: CommandMeta = {
    commandId: commandId(source.eventId, spec.idempotencyKey),
    idempotencyKey: spec.idempotencyKey,
    correlationId: spec.key,
    causationId: source.eventId,
    issuedAt: now(),
  };
  return {
    topic: spec.topic,
    key: spec.key,
    value: { meta, ...spec.body },
    meta: {
      correlationId: spec.key,
      causationId: source.eventId,
      eventType: spec.type,
      sourceSystem: source.system,
      occurredAt: new Date(source.occurredAt),
      ...(spec.version !== undefined ? { entityVersion: spec.version } : {}),
    },
    ...(spec.headers !== undefined ? { headers: spec.headers } : {}),
  };
}

/** Sends records in order and resolves when Kafka acknowledged all of them. */
export type Send = (record: OutgoingRecord) => Promise<unknown>;
