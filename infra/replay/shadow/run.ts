// A shadow run of change records through the transformer's handlers (handlers.ts): each record decoded as the
// service decodes it, handed to its handler as a first delivery, and every command the handler sends captured
// and passed through the topic's Avro schema (encode, decode), so it reads exactly as the live command does.
// Nothing is produced, nothing external is called; the handler's outcome (ack, retry, dead letter) is kept.
import { StandardHeader, type HandlerResult, type OutgoingRecord } from '@m3mage/runtime';
import type { TopicRecord } from '../read';
import { capturingSend, type HandlerFactory, type ShadowLookups } from './handlers';

export interface Command {
  /** Catalogue name of the command topic. */
  topic: string;
  key: string | null;
  /** The record name (`event-type` header). */
  type: string;
  value: unknown;
}

export interface ShadowOutcome {
  partition: number;
  offset: string;
  key: string | null;
  timestamp: number;
  /** The change record's source eventId: the causation id of the commands it caused. */
  eventId: string | undefined;
  commands: Command[];
  /** Not `ack`: why the handler would retry or dead-letter the record. */
  failure?: string;
}

export interface ShadowDeps {
  /** Catalogue name of the change topic. */
  topic: string;
  handler: HandlerFactory;
  lookups: ShadowLookups;
  decode(bytes: Buffer): Promise<unknown>;
  /** The command as the live consumer reads it (the schema's round trip); throws when it does not encode. */
  roundTrip(topic: string, value: unknown): Promise<unknown>;
  now: () => number;
}

const eventIdOf = (value: unknown): string | undefined => {
  const id = (value as { source?: { eventId?: unknown } } | null)?.source?.eventId;
  return typeof id === 'string' ? id : undefined;
};

const failureOf = (r: HandlerResult): string | undefined => {
  if (r.outcome === 'ack') return undefined;
  const message = r.error instanceof Error ? r.error.message : String(r.error);
  return `${r.outcome === 'retry' ? 'would retry' : 'would dead-letter'}: ${message}`;
};

async function commandOf(deps: ShadowDeps, r: OutgoingRecord): Promise<Command> {
  return {
    topic: r.topic,
    key: r.key,
    type: r.meta.eventType,
    value: r.value === null ? null : await deps.roundTrip(r.topic, r.value),
  };
}

export async function shadowRecord(deps: ShadowDeps, r: TopicRecord): Promise<ShadowOutcome> {
  const value = r.value === null ? null : await deps.decode(r.value);
  const { send, captured } = capturingSend();
  const handler = deps.handler(deps.topic, { send, now: deps.now, ...deps.lookups });
  const base = {
    partition: r.partition,
    offset: r.offset,
    key: r.key,
    timestamp: r.timestamp,
    eventId: eventIdOf(value),
  };
  let failure: string | undefined;
  try {
    failure = failureOf(
      await handler({
        topic: deps.topic,
        partition: r.partition,
        offset: r.offset,
        key: r.key,
        value,
        headers: { ...r.headers, [StandardHeader.attempt]: '1' },
        attempt: 1,
      }),
    );
  } catch (err) {
    failure = `would fail: ${err instanceof Error ? err.message : String(err)}`;
  }
  const commands: Command[] = [];
  for (const c of captured) {
    try {
      commands.push(await commandOf(deps, c));
    } catch (err) {
      failure = `${c.meta.eventType} would not encode for ${c.topic}: ${err instanceof Error ? err.message : String(err)}`;
    }
  }
  return { ...base, commands, ...(failure !== undefined ? { failure } : {}) };
}

export async function runShadow(deps: ShadowDeps, records: readonly TopicRecord[]): Promise<ShadowOutcome[]> {
  const out: ShadowOutcome[] = [];
  for (const r of records) out.push(await shadowRecord(deps, r));
  return out;
}
