// The standard record headers (ARCHITECTURE.md §3) and conversion between Kafka's header bag and strings.
export const StandardHeader = Object.freeze({
  correlationId: 'correlation-id',
  causationId: 'causation-id',
  eventType: 'event-type',
  sourceSystem: 'source-system',
  occurredAt: 'occurred-at',
  attempt: 'attempt',
  /**
   * The version of the entity the record carries (a decimal integer, newest highest), on topics whose records
   * are absolute values: conflation keeps the highest of a key, so a late older record never hides a newer one.
   */
  entityVersion: 'entity-version',
} as const);

/**
 * The system whose data a record carries, spelled as the Avro `m3mage.common.SourceSystem` enum
 * (schemas/common/source.avsc): one spelling across headers and payloads.
 */
export type SourceSystem = 'MAGENTO' | 'M3';

/** What a producer states about every record; `attempt` defaults to 1, `occurredAt` to now. */
export interface RecordMeta {
  correlationId: string;
  causationId?: string;
  eventType: string;
  sourceSystem: SourceSystem;
  occurredAt?: Date | string;
  attempt?: number;
  /** A decimal integer; see StandardHeader.entityVersion. */
  entityVersion?: string;
}

export type Headers = Record<string, string>;

/** Kafka's header values as they arrive from the client. */
export type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export function standardHeaders(meta: RecordMeta, now: () => Date = () => new Date()): Headers {
  const occurredAt = meta.occurredAt ?? now();
  return {
    [StandardHeader.correlationId]: meta.correlationId,
    [StandardHeader.causationId]: meta.causationId ?? meta.correlationId,
    [StandardHeader.eventType]: meta.eventType,
    [StandardHeader.sourceSystem]: meta.sourceSystem,
    [StandardHeader.occurredAt]: typeof occurredAt === 'string' ? occurredAt : occurredAt.toISOString(),
    [StandardHeader.attempt]: String(meta.attempt ?? 1),
    ...(meta.entityVersion !== undefined ? { [StandardHeader.entityVersion]: meta.entityVersion } : {}),
  };
}

/** Header bag → plain strings (the last value wins for repeated headers). */
export function decodeHeaders(raw: RawHeaders | undefined): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(raw ?? {})) {
    const last = Array.isArray(value) ? value[value.length - 1] : value;
    if (last !== undefined) out[name] = last.toString();
  }
  return out;
}

export function attemptOf(headers: Headers): number {
  const n = Number(headers[StandardHeader.attempt]);
  return Number.isInteger(n) && n > 0 ? n : 1;
}
