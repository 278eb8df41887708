// The broker and registry side of one replay run: the Kafka client and serde, an admin (topic checks, the
// offsets of a time window), private readers of offset ranges, and — opened only when a live replay writes —
// the runtime producer and the job's checkpoints (state.backfill.checkpoints.v1). Read-only compacted tables
// (the xref topics a shadow run's handlers look up) are opened on demand. Topic arguments are catalogue names.
import {
  createAvroSerde,
  createCompactedTable,
  createKafkaClient,
  createLogger,
  createProducer,
  type AvroSerde,
  type CompactedTable,
  type KafkaClient,
  type Producer,
} from '@m3mage/runtime';
import { TOPIC } from '@m3mage/topics';
import type { StackConnection } from '../stack/connection';
import { openCheckpoints, type CheckpointStore } from '../backfill/checkpoint';
import { readRanges, type TopicRecord } from './read';
import { windowRanges, type PartitionRange } from './window';

export interface ReplaySession {
  client: KafkaClient;
  serde: AvroSerde;
  /** Broker-side name of a catalogue topic. */
  name(topic: string): string;
  /** Throws MissingTopics when one of them is not on the broker. */
  require(topics: readonly string[]): Promise<void>;
  partitions(topic: string): Promise<number[]>;
  ranges(topic: string, from: number, to: number): Promise<PartitionRange[]>;
  read(topic: string, ranges: readonly PartitionRange[]): Promise<TopicRecord[]>;
  producer(): Promise<Producer>;
  checkpoints(): Promise<CheckpointStore>;
  /** A read-only table over a compacted catalogue topic, loaded. */
  table<V>(topic: string, accept?: (v: unknown) => V | undefined): Promise<CompactedTable<V>>;
  close(): Promise<void>;
}

export class MissingTopics extends Error {
  override name = 'MissingTopics';
}

export async function openReplaySession(
  conn: StackConnection,
  namespace: string,
  opts: { logLevel?: string; readTimeoutMs?: number } = {},
): Promise<ReplaySession> {
  const logger = createLogger({
    service: 'replay',
    version: '0',
    level: opts.logLevel ?? 'silent',
    destination: process.stderr,
  });
  const t = (name: string) => `${namespace}${name}`;
  const client = createKafkaClient({ clientId: 'replay', brokers: conn.brokers, logger });
  const serde = createAvroSerde({ registryUrl: conn.registryUrl });
  const admin = client.kafka.admin();
  await admin.connect();
  const tables: CompactedTable<unknown>[] = [];
  let producer: Promise<Producer> | undefined;
  let checkpoints: Promise<CheckpointStore> | undefined;
  const connected = (): Promise<Producer> =>
    (producer ??= (async () => {
      const p = createProducer({ client, logger, serde, lingerMs: 5 });
      await p.connect();
      return p;
    })());
  const table = async <V>(topic: string, accept?: (v: unknown) => V | undefined) => {
    const created = createCompactedTable<V>({
      client,
      topic: t(topic),
      serde,
      logger,
      groupPrefix: t('replay.table'),
      ...(accept ? { accept } : {}),
    });
    tables.push(created);
    await created.start();
    return created;
  };
  const session: ReplaySession = {
    client,
    serde,
    name: t,
    async require(topics) {
      const existing = new Set(await admin.listTopics());
      const missing = topics.map(t).filter((name) => !existing.has(name));
      if (missing.length)
        throw new MissingTopics(`topic ${missing.join(', ')} does not exist: run \`npm run topics:apply\` first`);
    },
    async partitions(topic) {
      return (await admin.fetchTopicOffsets(t(topic))).map((p) => p.partition).sort((a, b) => a - b);
    },
    ranges: (topic, from, to) => windowRanges(admin, t(topic), from, to),
    read: (topic, ranges) =>
      readRanges(client, t(topic), ranges, opts.readTimeoutMs !== undefined ? { timeoutMs: opts.readTimeoutMs } : {}),
    producer: connected,
    checkpoints() {
      checkpoints ??= (async () => {
        await session.require([TOPIC.stateBackfill]);
        const deps = { client, serde, logger, producer: await connected(), namespace, groupPrefix: t('replay.table') };
        const opened = await openCheckpoints(deps);
        tables.push(opened.table);
        return opened.store;
      })();
      return checkpoints;
    },
    table: (topic, accept) => table(topic, accept),
    async close() {
      for (const x of tables) await x.stop();
      if (producer) await (await producer).close();
      await admin.disconnect();
    },
  };
  return session;
}
