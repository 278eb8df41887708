// One record through decode → handler → outcome routing. Never throws: every failure ends as retry,
// dead letter, or "put back" (pause signal, or the failure could not be forwarded).
import type { Logger } from 'pino';
import { childForMessage, classify, type AppError, type Metrics } from '../core';
import type { ValueSerde } from '../serde/types';
import type { ConsumedRecord, FailureSink, Handler, HandlerResult, InboundMessage, PauseSignal } from './handler';

export type Disposition = { kind: 'done' } | { kind: 'put-back'; resumeWhen: Promise<void>; reason: string };

export interface ProcessorOptions {
  handler: Handler<unknown>;
  serde: ValueSerde;
  sink: FailureSink;
  logger: Logger;
  metrics?: Metrics;
  pauseSignals?: PauseSignal[];
  /** Wait after a failure to forward to retry/DLQ before the record is tried again (default 1 s). */
  forwardBackoffMs?: number;
}

const DONE: Disposition = { kind: 'done' };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function createMessageProcessor(opts: ProcessorOptions): (record: ConsumedRecord) => Promise<Disposition> {
  const service = opts.metrics?.service ?? 'unknown';
  const count = (topic: string, outcome: string): void => opts.metrics?.messagesTotal.inc({ service, topic, outcome });

  const pauseFor = (error: AppError): Promise<void> | undefined => {
    for (const signal of opts.pauseSignals ?? []) {
      const until = signal.match(error);
      if (until) return until;
    }
    return undefined;
  };

  async function runHandler(msg: InboundMessage): Promise<HandlerResult> {
    const started = performance.now();
    try {
      return await opts.handler(msg);
    } catch (err) {
      const error = classify(err);
      return error.retriable ? { outcome: 'retry', error } : { outcome: 'dead-letter', error };
    } finally {
      opts.metrics?.handlerSeconds.observe({ service, topic: msg.topic }, (performance.now() - started) / 1000);
    }
  }

  async function route(record: ConsumedRecord, msg: InboundMessage, log: Logger): Promise<Disposition> {
    if (await opts.sink.parkIfWaiting(record)) {
      count(msg.topic, 'parked');
      return DONE;
    }
    let value: unknown;
    try {
      value = record.value === null ? null : await opts.serde.decode(record.value);
    } catch (err) {
      const error = classify(err);
      log.warn({ err: error }, 'undecodable record dead-lettered');
      await opts.sink.deadLetter(record, error, 'decode');
      count(msg.topic, 'dlq');
      return DONE;
    }
    const result = await runHandler({ ...msg, value });
    if (result.outcome === 'ack') {
      opts.sink.acked(record);
      count(msg.topic, 'ack');
      return DONE;
    }
    const error = classify(result.error);
    const until = pauseFor(error);
    if (until) return { kind: 'put-back', resumeWhen: until, reason: error.code };
    if (result.outcome === 'retry') {
      await opts.sink.retry(record, error, result.delayMs ?? error.retryAfterMs);
      count(msg.topic, 'retry');
    } else {
      log.warn({ err: error }, 'record dead-lettered');
      await opts.sink.deadLetter(record, error, 'handler');
      count(msg.topic, 'dlq');
    }
    return DONE;
  }

  return async (record) => {
    const key = record.key?.toString() ?? null;
    const msg: InboundMessage = { ...opts.sink.describe(record), key, value: null, headers: record.headers };
    const log = childForMessage(opts.logger, { ...msg, correlationId: record.headers['correlation-id'] });
    try {
      return await route(record, msg, log);
    } catch (err) {
      // Forwarding to retry/DLQ failed (Kafka down?): keep the record unfinished and try it again later.
      log.error({ err: classify(err) }, 'could not forward a failed record; it will be tried again');
      return { kind: 'put-back', resumeWhen: sleep(opts.forwardBackoffMs ?? 1000), reason: 'FORWARD_FAILED' };
    }
  };
}
