// A batching producer: records linger up to `lingerMs` (or until `maxBatchMessages`) and go out as one
// sendBatch (grouped per topic), one batch in flight at a time so records keep their order. acks=all,
// idempotent. Each send() resolves when its batch is acknowledged, or rejects with a classified error.
//
// After a failed batch the KafkaJS producer is replaced (a new producer id, sequences from 0). KafkaJS
// rolls back the sequence numbers of every partition of a failed request, also of partitions the broker
// did append; the next record to such a partition then reuses an appended sequence and the broker drops
// it as a duplicate while acknowledging it (seen on Kafka 4.1 with KafkaJS 2.2.4: a record after a batch
// that failed on another topic with MESSAGE_TOO_LARGE was acked and never written). A fresh producer id
// cannot collide; records of the failed batch that did reach the broker are duplicates when the caller
// retries (at-least-once, ARCHITECTURE §4).
//
// So that the broker never refuses a request for its size (which leaves the partitions it did append
// written), a record larger than its topic's max.message.bytes is refused here on its own, and a batch is
// cut into requests whose records of one topic stay under that limit (topic-limits.ts). Should the broker
// refuse a request anyway (the limit was lowered after it was read), its records are sent again one by
// one: duplicates, and a key's older record may follow a newer one; consumers drop stale versions.
import type { Message, Producer as KafkaProducer } from 'kafkajs';
import type { Logger } from 'pino';
import { AppError, classify, type Metrics } from '../core';
import type { ValueSerde } from '../serde/types';
import type { KafkaClient } from './client';
import { deliveries, recordingPartitioner, type Delivery } from './delivery';
import { standardHeaders, type Headers, type RecordMeta } from './headers';
import {
  BATCH_OVERHEAD_BYTES,
  createTopicLimits,
  DEFAULT_MAX_MESSAGE_BYTES,
  recordBytes,
  type TopicLimits,
} from './topic-limits';

export interface ProducerOptions {
  client: KafkaClient;
  logger: Logger;
  /** Needed by send(); sendRaw() forwards bytes as they are. */
  serde?: ValueSerde;
  metrics?: Metrics;
  /** How long a record may wait for companions (default 5 ms). */
  lingerMs?: number;
  /** Flush as soon as this many records wait (default 1000). */
  maxBatchMessages?: number;
  /** Broker ack timeout per batch (default 30 s). */
  ackTimeoutMs?: number;
  /** The topics' max.message.bytes (default: read from the broker, once per topic). */
  topicLimits?: TopicLimits;
}

export interface OutgoingRecord<T = unknown> {
  topic: string;
  key: string | null;
  /** null = tombstone. */
  value: T | null;
  meta: RecordMeta;
  /** Extra headers; the standard ones come from `meta`. */
  headers?: Headers;
  partition?: number;
}

export interface RawRecord {
  topic: string;
  key: string | Buffer | null;
  value: Buffer | null;
  headers: Headers;
  partition?: number;
}

export interface Producer {
  connect(): Promise<void>;
  send<T>(record: OutgoingRecord<T>): Promise<Delivery>;
  sendRaw(record: RawRecord): Promise<Delivery>;
  /** Resolves when every record sent so far is acknowledged (or failed). */
  flush(): Promise<void>;
  /** Refuse new records, flush, disconnect. */
  close(): Promise<void>;
}

interface Entry {
  topic: string;
  message: Promise<Message>;
  resolve(d: Delivery): void;
  reject(e: AppError): void;
}

/** Broker answers about the record itself: sending it again gives the same answer. */
const RECORD_REJECTIONS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE']);

const produceError = (err: unknown): AppError => {
  const type = (err as { type?: unknown } | null)?.type;
  if (typeof type === 'string' && RECORD_REJECTIONS.has(type)) {
    return new AppError('KAFKA_RECORD_REJECTED', `Kafka refused the batch: ${type}`, { cause: err });
  }
  const c = classify(err);
  return c.code === 'INTERNAL' ? new AppError('KAFKA_PRODUCE_FAILED', c.message, { cause: err }) : c;
};

export function createProducer(opts: ProducerOptions): Producer {
  const lingerMs = opts.lingerMs ?? 5;
  const maxBatch = opts.maxBatchMessages ?? 1000;
  const recorder = recordingPartitioner();
  const create = (): KafkaProducer =>
    opts.client.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: recorder.createPartitioner,
    });
  let producer = create();
  const topicLimits = opts.topicLimits ?? createTopicLimits(opts.client);
  /** Set when the producer was replaced and the new one is not connected yet. */
  let mustConnect = false;
  const log = opts.logger.child({ component: 'producer' });

  /** A new KafkaJS producer after a failed batch (see the top of the file); connected by the next batch. */
  async function replaceProducer(): Promise<void> {
    const old = producer;
    producer = create();
    mustConnect = true;
    await old.disconnect().catch((err: unknown) => log.warn({ err }, 'disconnecting the replaced producer failed'));
  }
  let pending: Entry[] = [];
  let inflight: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const count = (topic: string, outcome: 'ok' | 'error', n: number): void => {
    opts.metrics?.producedTotal.inc({ service: opts.metrics.service, topic, outcome }, n);
  };

  interface Ready {
    entry: Entry;
    message: Message;
    bytes: number;
  }

  /** One KafkaJS sendBatch; records keep their order. */
  async function sendChunk(chunk: Ready[]): Promise<void> {
    const byTopic = new Map<string, { entries: Entry[]; messages: Message[] }>();
    for (const { entry, message } of chunk) {
      const group = byTopic.get(entry.topic) ?? { entries: [], messages: [] };
      group.entries.push(entry);
      group.messages.push(message);
      byTopic.set(entry.topic, group);
    }
    const topicMessages = [...byTopic].map(([topic, g]) => ({ topic, messages: g.messages }));
    try {
      if (mustConnect) {
        await producer.connect();
        mustConnect = false;
      }
      const results = await producer.sendBatch({ acks: -1, timeout: opts.ackTimeoutMs ?? 30000, topicMessages });
      for (const [topic, g] of byTopic) {
        deliveries(topic, g.messages, results, recorder).forEach((d, i) => g.entries[i]?.resolve(d));
        count(topic, 'ok', g.entries.length);
      }
    } catch (err) {
      const e = produceError(err);
      await replaceProducer();
      if (e.code === 'KAFKA_RECORD_REJECTED' && chunk.length > 1) {
        // The size checks below make this rare (a topic's limit changed since it was read). The records
        // of other partitions the broker did append are written again: duplicates, as at-least-once allows.
        log.warn({ err: e, records: chunk.length }, 'batch refused for one of its records; sending them one by one');
        for (const one of chunk) await sendChunk([one]);
        return;
      }
      log.error({ err: e, records: chunk.length }, 'batch not acknowledged');
      for (const [topic, g] of byTopic) {
        g.entries.forEach((entry) => entry.reject(e));
        count(topic, 'error', g.entries.length);
      }
    }
  }

  /**
   * Encodes, refuses a record larger than its topic's max.message.bytes on its own (it could never be
   * written), and sends the rest in chunks whose records of one topic stay under that limit, so the broker
   * never refuses a multi-partition request for its size (that would leave some partitions written).
   */
  async function sendBatch(batch: Entry[]): Promise<void> {
    const settled = await Promise.allSettled(batch.map((e) => e.message));
    const ready: Ready[] = [];
    const limits = new Map<string, number>();
    for (const [i, r] of settled.entries()) {
      const entry = batch[i] as Entry;
      if (r.status === 'rejected') {
        entry.reject(classify(r.reason));
        continue;
      }
      const limit = limits.get(entry.topic) ?? (await topicLimits.maxBatchBytes(entry.topic));
      limits.set(entry.topic, limit);
      const bytes = recordBytes(r.value);
      if (bytes + BATCH_OVERHEAD_BYTES > limit) {
        entry.reject(
          new AppError(
            'KAFKA_RECORD_REJECTED',
            `A record of about ${bytes} bytes does not fit ${entry.topic} (max.message.bytes ${limit})`,
          ),
        );
        count(entry.topic, 'error', 1);
        continue;
      }
      ready.push({ entry, message: r.value, bytes });
    }
    let chunk: Ready[] = [];
    const used = new Map<string, number>();
    for (const item of ready) {
      const limit = limits.get(item.entry.topic) ?? DEFAULT_MAX_MESSAGE_BYTES;
      const now = (used.get(item.entry.topic) ?? BATCH_OVERHEAD_BYTES) + item.bytes;
      if (now > limit && chunk.length > 0) {
        await sendChunk(chunk);
        chunk = [];
        used.clear();
      }
      chunk.push(item);
      used.set(item.entry.topic, (used.get(item.entry.topic) ?? BATCH_OVERHEAD_BYTES) + item.bytes);
    }
    if (chunk.length > 0) await sendChunk(chunk);
  }

  async function drain(): Promise<void> {
    while (pending.length > 0) {
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(batch.length);
      await sendBatch(batch);
    }
  }

  function kick(): void {
    if (inflight) return; // the running drain takes the waiting records, and kicks again when done
    if (timer) clearTimeout(timer);
    timer = undefined;
    inflight = drain().finally(() => {
      inflight = undefined;
      if (pending.length > 0) kick();
    });
  }

  function enqueue(topic: string, message: Promise<Message>): Promise<Delivery> {
    if (closed) return Promise.reject(new AppError('SHUTTING_DOWN', 'producer is closed'));
    message.catch(() => undefined); // reported through the record's own promise
    return new Promise<Delivery>((resolve, reject) => {
      pending.push({ topic, message, resolve, reject });
      if (pending.length >= maxBatch) kick();
      else
        timer ??= setTimeout(() => {
          timer = undefined;
          kick();
        }, lingerMs);
    });
  }

  const toMessage = (r: RawRecord): Message => ({
    key: r.key,
    value: r.value,
    headers: r.headers,
    ...(r.partition !== undefined ? { partition: r.partition } : {}),
  });

  async function flush(): Promise<void> {
    while (pending.length > 0 || inflight) {
      kick();
      await inflight;
    }
  }

  return {
    connect: () => producer.connect(),
    send(record) {
      const { serde } = opts;
      if (!serde) return Promise.reject(new AppError('INTERNAL', 'producer has no serde; use sendRaw'));
      const headers = { ...standardHeaders(record.meta), ...record.headers };
      const value = record.value === null ? Promise.resolve(null) : serde.encode(record.topic, record.value);
      return enqueue(
        record.topic,
        value.then((bytes) => toMessage({ ...record, value: bytes, headers })),
      );
    },
    sendRaw: (record) => enqueue(record.topic, Promise.resolve(toMessage(record))),
    flush,
    async close() {
      closed = true;
      await flush();
      await producer.disconnect();
      await topicLimits.close();
    },
  };
}
