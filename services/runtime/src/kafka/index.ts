// Kafka, serde, retry/DLQ and lifecycle surface of the runtime (re-exported by src/index.ts).
export * from '../serde';
export { createKafkaClient, type KafkaClient, type KafkaClientOptions } from './client';
export type { Delivery } from './delivery';
export { StandardHeader, attemptOf, decodeHeaders, standardHeaders, type Headers, type RecordMeta } from './headers';
export { createProducer, type OutgoingRecord, type Producer, type ProducerOptions, type RawRecord } from './producer';
