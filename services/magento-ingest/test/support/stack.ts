// magento-ingest in-process on the real broker and registry, in its own topic namespace, with a Magento
// simulator listening on 127.0.0.1 and readers collecting what reaches cdc.magento.order.v1 and
// cdc.magento.customer.v1. The service consumes no topic, so its end marker is settle(): no webhook delivery
// pending, the pollers stopped after one more full pass each, and the readers at the end of their topics.
import { Writable } from 'node:stream';
import {
  createAvroSerde,
  createKafkaClient,
  createLogger,
  createServiceContext,
  ensureTopics,
  type ServiceContext,
} from '@m3mage/runtime';
import { createMagentoSimulator, type MagentoSimulatorOptions } from '@m3mage/simulators/magento';
import { schemaForTopic, topics as catalogue } from '@m3mage/topics';
import { readToEnd, withAdmin } from '../../../../test/support/caught-up';
import { testStack, uniqueName } from '../../../../test/support/env';
import { waitFor } from '../../../../test/support/kafka-rig';
import { topology, wireService, type App } from '../../src/app';
import { configSchema, type Config } from '../../src/config';
import type { MagentoCustomerChange, MagentoOrderChange } from '@m3mage/schemas/types';
import { magentoTime, type PassReport } from '../../src/poller/poller';
import { TOPIC } from '@m3mage/topics/catalogue';

export const HMAC_SECRET = 'it-hmac-secret';
const quiet = new Writable({ write: (_c, _e, cb) => cb() });
const logger = createLogger({ service: 'it', version: '0', level: 'silent' });

export { waitFor };

export interface CdcRecord<V = MagentoOrderChange> {
  key: string;
  /** null: a tombstone. */
  value: V;
  headers: Record<string, string>;
}

/** Collects every record of a topic from its beginning (a private group that never commits). */
export async function topicReader<V = MagentoOrderChange>(topic: string) {
  const client = createKafkaClient({ clientId: 'it-reader', brokers: testStack().brokers, logger });
  const serde = createAvroSerde({ registryUrl: testStack().registryUrl });
  const records: CdcRecord<V>[] = [];
  const next = new Map<number, bigint>(); // per partition: the offset after the last record read
  const consumer = client.kafka.consumer({ groupId: uniqueName('it-reader'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      const value = (message.value === null ? null : await serde.decode(message.value)) as V;
      records.push({ key: message.key?.toString() ?? '', value, headers });
      next.set(partition, BigInt(message.offset) + 1n);
    },
  });
  return {
    records,
    /** Resolves once every record on the topic now has been collected. */
    caughtUp: (timeoutMs = 20_000) =>
      withAdmin(client, (admin) => waitFor(() => readToEnd(admin, topic, next), timeoutMs, `the end of ${topic}`)),
    close: () => consumer.disconnect(),
  };
}

export interface IngestStack {
  ctx: ServiceContext<Config>;
  app: App;
  url: string;
  sim: ReturnType<typeof createMagentoSimulator>;
  simUrl: string;
  cdc: Awaited<ReturnType<typeof topicReader<MagentoOrderChange>>>;
  /** cdc.magento.customer.v1 (tombstones have a null value). */
  customers: Awaited<ReturnType<typeof topicReader<MagentoCustomerChange | null>>>;
  /**
   * The end marker: waits for the simulator's pending deliveries (each answered only after Kafka acked),
   * stops the pollers after their running pass, runs one more full pass of each (the overlap window every
   * later pass would re-read) and returns the order poller's report once both readers have read to the end.
   */
  settle(): Promise<PassReport | undefined>;
  close(): Promise<void>;
}

export interface StackReuse {
  /** Run in this topic namespace (a restarted instance) instead of a new one. */
  ns?: string;
  /** Talk to this (listening) simulator instead of a new one; it is then not closed by close(). */
  sim?: { sim: ReturnType<typeof createMagentoSimulator>; url: string };
}

export async function ingestStack(
  env: Record<string, string> = {},
  simOpts: MagentoSimulatorOptions = {},
  reuse: StackReuse = {},
): Promise<IngestStack & { ns: string }> {
  const ns = reuse.ns ?? `${uniqueName('mi')}.`;
  const admin = createKafkaClient({ clientId: 'it-admin', brokers: testStack().brokers, logger });
  await ensureTopics(
    admin,
    catalogue
      .filter((t) => (topology.produces as readonly string[]).includes(t.name))
      .map((t) => ({
        topic: `${ns}${t.name}`,
        partitions: t.partitions,
        ...(t.cleanup === 'compact' ? { config: { 'cleanup.policy': 'compact' } } : {}),
      })),
  );
  const sim =
    reuse.sim?.sim ??
    createMagentoSimulator({ sizes: { customers: 20, products: 30, orders: 0 }, orderWriteHoldMs: 0, ...simOpts });
  const simUrl = reuse.sim?.url ?? (await sim.app.listen({ host: '127.0.0.1', port: 0 }));
  const c = sim.credentials.integration;
  const config = configSchema.parse({
    KAFKA_BROKERS: testStack().brokers.join(','),
    SCHEMA_REGISTRY_URL: testStack().registryUrl,
    KAFKA_NAMESPACE: ns,
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    SHUTDOWN_DEADLINE_MS: '10000',
    MAGENTO_BASE_URL: simUrl,
    MAGENTO_AUTH_MODE: 'oauth1',
    MAGENTO_OAUTH_CONSUMER_KEY: c.consumerKey,
    MAGENTO_OAUTH_CONSUMER_SECRET: c.consumerSecret,
    MAGENTO_OAUTH_ACCESS_TOKEN: c.accessToken,
    MAGENTO_OAUTH_TOKEN_SECRET: c.accessTokenSecret,
    WEBHOOK_PUBLIC_KEY: sim.publicKeyPem,
    IO_EVENTS_PUBLIC_KEY: sim.publicKeyPem,
    WEBHOOK_HMAC_SECRET: HMAC_SECRET,
    POLL_INTERVAL_MS: '300',
    POLL_PAGE_SIZE: '7',
    POLL_OVERLAP_MS: '2000',
    POLL_START_AT: magentoTime(Date.now() - 1000),
    ...env,
  });
  const ctx = await createServiceContext({
    name: 'magento-ingest',
    version: '0.0.0-it',
    config,
    ...topology,
    schemaOf: schemaForTopic,
    logDestination: quiet,
    signals: { once: () => undefined, removeListener: () => undefined },
  });
  const app = await wireService(ctx);
  await ctx.start();
  for (const poller of app.pollers) poller.start();
  const cdc = await topicReader(`${ns}${TOPIC.cdcMagentoOrder}`);
  const customers = await topicReader<MagentoCustomerChange | null>(`${ns}${TOPIC.cdcMagentoCustomer}`);
  return {
    ns,
    ctx,
    app,
    url: ctx.url(),
    sim,
    simUrl,
    cdc,
    customers,
    async settle() {
      await sim.idle();
      await Promise.all(app.pollers.map((p) => p.stop()));
      const passes = new Map<string, PassReport>();
      for (const p of app.pollers) passes.set(p.name, await p.pollOnce());
      await cdc.caughtUp();
      await customers.caughtUp();
      return app.poller ? passes.get(app.poller.name) : undefined;
    },
    async close() {
      if (!reuse.sim) await sim.close();
      await ctx.stop();
      await cdc.close();
      await customers.close();
    },
  };
}
