// The broker and registry side of reconcile: read-only views of magento-writer's version tables (what the
// writer last applied per product and per source item, for the repair's version) and, with --repair, the
// runtime producer onto the namespaced command topics, their value schemas registered first.
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
import { schemaForTopic, TOPIC } from '@m3mage/topics';
import { integerVersions, decodeVersion } from '@m3mage/runtime';
import type { StackConnection } from '../stack/connection';

export interface ReconcileSession {
  /** The value magento-writer last applied for a state key (`product:<sku>`, `source-item:<sku>@<source>`). */
  applied(table: string, key: string): bigint | undefined;
  /** Loads magento-writer's version table (catalogue name) before `applied` is asked. */
  load(table: string): Promise<void>;
  /** Registers the value schema of a command topic (catalogue name), then produces to it. */
  produce(record: OutgoingRecord): Promise<Delivery>;
  close(): Promise<void>;
}

export const WRITER_TABLE = {
  stock: TOPIC.stateMagentoWriterInventory,
  products: TOPIC.stateMagentoWriterProducts,
} as const;

export async function openReconcileSession(conn: StackConnection, namespace: string): Promise<ReconcileSession> {
  const logger = createLogger({ service: 'reconcile', version: '0', level: 'silent', destination: process.stderr });
  const t = (name: string) => `${namespace}${name}`;
  const client = createKafkaClient({ clientId: 'reconcile', brokers: conn.brokers, logger });
  const serde = createAvroSerde({ registryUrl: conn.registryUrl });
  const tables = new Map<string, CompactedTable<DocumentVersion>>();
  const registered = new Set<string>();
  let producer: ReturnType<typeof createProducer> | undefined;
  return {
    async load(table) {
      if (tables.has(table)) return;
      const view = createCompactedTable<DocumentVersion>({
        client,
        topic: t(table),
        serde,
        logger,
        groupPrefix: t('reconcile.table'),
      });
      tables.set(table, view);
      await view.start();
    },
    applied(table, key) {
      const row = tables.get(table)?.get(key);
      return row ? decodeVersion(integerVersions, row.version)?.value : undefined;
    },
    async produce(record) {
      if (!registered.has(record.topic)) {
        await serde.register(t(record.topic), schemaForTopic(record.topic) as AvroSchemaJson);
        registered.add(record.topic);
      }
      if (!producer) {
        producer = createProducer({ client, logger, serde, lingerMs: 5 });
        await producer.connect();
      }
      return producer.send({ ...record, topic: t(record.topic) });
    },
    async close() {
      for (const table of tables.values()) await table.stop();
      await producer?.close();
    },
  };
}
