// In-memory stand-ins for the failure router's injected dependencies (unit tests only: the broker tests in
// test/kafka/retry-dlq.it.test.ts use the real producer, serde and Kafka).
import type { Delivery } from '../../src/kafka/delivery';
import type { ConsumedRecord } from '../../src/kafka/handler';
import type { Producer, RawRecord } from '../../src/kafka/producer';
import type { ValueSerde } from '../../src/serde/types';

/** A producer that records every sendRaw call; `failWith` makes the next calls reject. */
export interface RecordingProducer extends Producer {
  readonly sent: RawRecord[];
  failWith: Error | undefined;
}

export function recordingProducer(): RecordingProducer {
  const sent: RawRecord[] = [];
  const refuse = (): Promise<never> => Promise.reject(new Error('the failure router forwards bytes: sendRaw only'));
  const producer: RecordingProducer = {
    sent,
    failWith: undefined,
    connect: () => Promise.resolve(),
    send: refuse,
    sendRaw(record): Promise<Delivery> {
      if (producer.failWith) return Promise.reject(producer.failWith);
      sent.push(record);
      return Promise.resolve({ topic: record.topic, partition: 0, offset: String(sent.length - 1) });
    },
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  return producer;
}

/** A serde that keeps what it was asked to encode and answers with recognisable bytes. */
export interface RecordingSerde extends ValueSerde {
  readonly encoded: { topic: string; value: unknown; bytes: Buffer }[];
}

export function recordingSerde(): RecordingSerde {
  const encoded: RecordingSerde['encoded'] = [];
  return {
    encoded,
    encode(topic, value) {
      const bytes = Buffer.from(`encoded:${topic}:${encoded.length}`);
      encoded.push({ topic, value, bytes });
      return Promise.resolve(bytes);
    },
    decode: () => Promise.reject(new Error('the failure router never decodes')),
  };
}

/** A clock the test moves by hand. */
export function manualClock(start: string): { now: () => Date; advance: (ms: number) => void; ms: () => number } {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms) => void (t += ms), ms: () => t };
}

/** What a retry-tier consumer reads back from a forwarded record. */
export function consumedFrom(sent: RawRecord, partition: number, offset: string): ConsumedRecord {
  const key = sent.key === null ? null : Buffer.isBuffer(sent.key) ? sent.key : Buffer.from(sent.key);
  return { topic: sent.topic, partition, offset, key, value: sent.value, headers: { ...sent.headers } };
}
