// The broker and registry connections of one `npm run dlq` run: a Kafka client, the Avro serde, and a
// producer opened only when something is replayed. The Kafka client's logs are off by default (its
// failures surface as the error the tool prints); with a log level they go to stderr, never to stdout.
import {
  createAvroSerde,
  createKafkaClient,
  createLogger,
  createProducer,
  type AvroSerde,
  type KafkaClient,
  type Producer,
} from '@m3mage/runtime';
import type { StackConnection } from '../../stack/connection';

export interface DlqSession {
  client: KafkaClient;
  serde: AvroSerde;
  /** The connected producer (opened on first use). */
  producer(): Promise<Producer>;
  /** The broker's topic names right now. */
  topics(): Promise<Set<string>>;
  close(): Promise<void>;
}

export function openDlqSession(conn: StackConnection, opts: { clientId?: string; logLevel?: string } = {}): DlqSession {
  const logger = createLogger({
    service: 'dlq-tool',
    version: '0',
    level: opts.logLevel ?? 'silent',
    destination: process.stderr,
  });
  const clientId = opts.clientId ?? 'dlq-tool';
  const client = createKafkaClient({ clientId, brokers: conn.brokers, logger });
  const serde = createAvroSerde({ registryUrl: conn.registryUrl });
  let producer: Promise<Producer> | undefined;
  return {
    client,
    serde,
    producer() {
      producer ??= (async () => {
        const p = createProducer({ client, logger, lingerMs: 5 });
        await p.connect();
        return p;
      })();
      return producer;
    },
    async topics() {
      const admin = client.kafka.admin();
      await admin.connect();
      try {
        return new Set(await admin.listTopics());
      } finally {
        await admin.disconnect();
      }
    },
    async close() {
      if (producer) await (await producer).close();
    },
  };
}
