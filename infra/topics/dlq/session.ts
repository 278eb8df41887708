// The broker and registry connections of one `npm run dlq` run: a Kafka client, the Avro serde, and a
// producer and the redrive checkpoints (state.backfill.checkpoints.v1) opened only when something is replayed. The Kafka client's logs are off by default (its
// failures surface as the error the tool prints); with a log level they go to stderr, never to stdout.
import {
  createAvroSerde,
  createKafkaClient,
  createLogger,
  createProducer,
  type AvroSerde,
  type CompactedTable,
  type KafkaClient,
  type Producer,
} from '@m3mage/runtime';
import { TOPIC } from '../catalogue';
import { openCheckpoints, type Checkpoint, type CheckpointStore } from '../../backfill/checkpoint';
import type { StackConnection } from '../../stack/connection';

export interface DlqSession {
  client: KafkaClient;
  serde: AvroSerde;
  /** The connected producer (opened on first use). */
  producer(): Promise<Producer>;
  /** The broker's topic names right now. */
  topics(): Promise<Set<string>>;
  /** The checkpoint table of `namespace`, loaded; undefined when the topic is not on the broker. */
  checkpoints(namespace: string): Promise<CheckpointStore | undefined>;
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
  const tables: CompactedTable<Checkpoint>[] = [];
  const opened = new Map<string, Promise<CheckpointStore | undefined>>();
  const session: DlqSession = {
    client,
    serde,
    producer() {
      producer ??= (async () => {
        const p = createProducer({ client, logger, serde, lingerMs: 5 });
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
    checkpoints(namespace) {
      let store = opened.get(namespace);
      if (!store) {
        store = (async () => {
          if (!(await session.topics()).has(`${namespace}${TOPIC.stateBackfill}`)) return undefined;
          const deps = { client, serde, logger, producer: await session.producer(), namespace };
          const { store: s, table } = await openCheckpoints({ ...deps, groupPrefix: `${namespace}dlq.table` });
          tables.push(table);
          return s;
        })();
        opened.set(namespace, store);
      }
      return store;
    },
    async close() {
      for (const t of tables) await t.stop();
      if (producer) await (await producer).close();
    },
  };
  return session;
}
