// The broker and registry side of one backfill run: the producer (records go to the namespaced topics, value
// schemas registered first), the job's checkpoint table, the read-only view of the ingest service's version
// table (what the live pipeline last produced per key), and the lag of the consumer groups of a topic.
import {
  createAvroSerde,
  createCompactedTable,
  createKafkaClient,
  createLogger,
  createProducer,
  type AvroSchemaJson,
  type CompactedTable,
  type Delivery,
  type OutgoingRecord,
} from '@m3mage/runtime';
import type { DocumentVersion } from '@m3mage/schemas/types';
import { groups, schemaForTopic, TOPIC } from '@m3mage/topics';
import type { StackConnection } from '../stack/connection';
import { readCheckpoint, tableCheckpoints, type Checkpoint, type CheckpointStore } from './checkpoint';

export interface BackfillSession {
  checkpoints: CheckpointStore;
  /** Opened (and loaded) on first use: the ingest's version table of a catalogue topic. */
  versions(topic: string): Promise<CompactedTable<DocumentVersion>>;
  /** Registers the value schemas of these catalogue topics (before the first record). */
  prepare(topics: readonly string[]): Promise<void>;
  produce(record: OutgoingRecord): Promise<Delivery>;
  /** Records the slowest consumer group of the catalogue topic has not committed yet. */
  lag(topic: string): Promise<number>;
  close(): Promise<void>;
}

export class MissingTopics extends Error {
  override name = 'MissingTopics';
}

export async function openBackfillSession(
  conn: StackConnection,
  namespace: string,
  opts: { logLevel?: string } = {},
): Promise<BackfillSession> {
  const logger = createLogger({
    service: 'backfill',
    version: '0',
    level: opts.logLevel ?? 'silent',
    destination: process.stderr,
  });
  const t = (name: string) => `${namespace}${name}`;
  const client = createKafkaClient({ clientId: 'backfill', brokers: conn.brokers, logger });
  const serde = createAvroSerde({ registryUrl: conn.registryUrl });
  const admin = client.kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const missing = [t(TOPIC.stateBackfill)].filter((name) => !existing.has(name));
  if (missing.length) {
    await admin.disconnect();
    throw new MissingTopics(`topic ${missing.join(', ')} does not exist: run \`npm run topics:apply\` first`);
  }
  const producer = createProducer({ client, logger, serde, lingerMs: 5 });
  await producer.connect();
  const tables: CompactedTable<unknown>[] = [];
  const open = async <V>(topic: string, accept?: (v: unknown) => V | undefined): Promise<CompactedTable<V>> => {
    const table = createCompactedTable<V>({
      client,
      topic: t(topic),
      producerTopic: t(topic),
      producer,
      serde,
      logger,
      groupPrefix: t('backfill.table'),
      ...(accept ? { accept } : {}),
    });
    tables.push(table);
    await table.start();
    return table;
  };
  await serde.register(t(TOPIC.stateBackfill), schemaForTopic(TOPIC.stateBackfill) as AvroSchemaJson);
  const checkpoints = tableCheckpoints(await open<Checkpoint>(TOPIC.stateBackfill, readCheckpoint));
  const opened = new Map<string, Promise<CompactedTable<DocumentVersion>>>();

  return {
    checkpoints,
    versions(topic) {
      let table = opened.get(topic);
      if (!table) {
        table = open<DocumentVersion>(topic);
        opened.set(topic, table);
      }
      return table;
    },
    async prepare(topics) {
      for (const topic of topics) {
        if (!existing.has(t(topic)))
          throw new MissingTopics(`topic ${t(topic)} does not exist: run \`npm run topics:apply\` first`);
        await serde.register(t(topic), schemaForTopic(topic) as AvroSchemaJson);
      }
    },
    produce: (record) => producer.send({ ...record, topic: t(record.topic) }),
    async lag(topic) {
      let worst = 0;
      const ends = await admin.fetchTopicOffsets(t(topic));
      for (const g of groups.filter((x) => x.consumes.includes(topic))) {
        const [committed] = await admin.fetchOffsets({ groupId: t(g.id), topics: [t(topic)] });
        const done = new Map((committed?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
        let lag = 0n;
        for (const p of ends) {
          const from = [done.get(p.partition) ?? -1n, BigInt(p.low)].reduce((a, b) => (a > b ? a : b));
          lag += BigInt(p.high) - from;
        }
        if (Number(lag) > worst) worst = Number(lag);
      }
      return worst;
    },
    async close() {
      for (const table of tables) await table.stop();
      await producer.close();
      await admin.disconnect();
    },
  };
}
