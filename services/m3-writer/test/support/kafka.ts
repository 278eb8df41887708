// m3-writer on the real broker and registry with unique topics and group, against an in-process M3 simulator.
import { Writable } from 'node:stream';
import {
  createServiceContext,
  ensureTopics,
  loadConfig,
  retryDlqTopics,
  type AvroSchemaJson,
  type ServiceContext,
} from '@m3mage/runtime';
import { schemaForTopic } from '@m3mage/topics';
import { Kafka, logLevel } from 'kafkajs';
import { testStack, uniqueName } from '../../../../test/support/env';
import { buildApp, defaultTopics, type WriterApp, type WriterTopics } from '../../src/app';
import { parseIonApi } from '../../src/clients/ionapi-file';
import { configSchema, type Config } from '../../src/config';
import type { M3Simulator } from '@m3mage/simulators/m3';

const quiet = new Writable({ write: (_c, _e, cb) => cb() });

export interface WriterRig {
  ctx: ServiceContext<Config>;
  app: WriterApp;
  topics: WriterTopics;
  groupId: string;
  dlq: string;
  stop(): Promise<void>;
}

export async function startWriter(sim: M3Simulator, baseUrl: string, tierDelaysMs = [300, 600]): Promise<WriterRig> {
  const stack = testStack();
  const topics = Object.fromEntries(
    Object.entries(defaultTopics).map(([k, v]) => [k, uniqueName(`it.${v}`)]),
  ) as unknown as WriterTopics;
  const catalogueName = new Map<string, string>(
    Object.entries(defaultTopics).map(([k, v]) => [topics[k as keyof WriterTopics], v]),
  );
  const groupId = uniqueName('it-m3-writer');
  const config = loadConfig(configSchema, {
    env: {
      KAFKA_BROKERS: stack.brokers.join(','),
      SCHEMA_REGISTRY_URL: stack.registryUrl,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      SHUTDOWN_DEADLINE_MS: '10000',
      M3_IONAPI_FILE: '(in memory)',
      M3_COMPANY: '100',
      M3_DIVISION: 'AAA',
      M3_WAREHOUSE: '100',
      M3_GL_DEBIT_ACCOUNT: '1930',
      M3_GL_CREDIT_ACCOUNT: '1510',
      M3_BREAKER_VOLUME: '3',
      M3_BREAKER_RESET_MS: '500',
      M3_TIMEOUT_MS: '3000',
    },
    service: 'm3-writer',
  });
  const kafka = new Kafka({ clientId: 'it', brokers: stack.brokers, logLevel: logLevel.NOTHING });
  const all = [...Object.values(topics), ...retryDlqTopics(groupId, tierDelaysMs.length)];
  await ensureTopics(
    { clientId: 'it', kafka },
    all.map((topic) => ({ topic, partitions: 3 })),
  );
  const schemaOf = (t: string): object => schemaForTopic(catalogueName.get(t) ?? t);
  const ctx = await createServiceContext({
    name: 'm3-writer',
    version: '0.0.0-test',
    config,
    produces: [topics.xrefOrder, topics.xrefCustomer],
    consumes: [topics.customerOrder, topics.customer, topics.glJournal],
    schemaOf,
    logDestination: quiet,
    signals: { once: () => undefined, removeListener: () => undefined },
  });
  for (const t of [topics.customerOrder, topics.customer, topics.glJournal]) {
    await ctx.serde.register(t, schemaOf(t) as AvroSchemaJson);
  }
  const ionapi = parseIonApi(JSON.stringify(sim.ionapi(baseUrl)));
  const app = await buildApp({ ctx, ionapi, topics, groupId, tierDelaysMs });
  await ctx.start();
  return { ctx, app, topics, groupId, dlq: `${groupId}.dlq`, stop: () => ctx.stop() };
}

/** Every record of a topic so far, decoded (a private consumer reading from the beginning). */
export async function readAll(ctx: ServiceContext<Config>, topic: string, waitMs = 1500): Promise<unknown[]> {
  const consumer = ctx.kafka.kafka.consumer({ groupId: uniqueName('it-reader') });
  const out: unknown[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      out.push(message.value ? await ctx.serde.decode(message.value) : null);
    },
  });
  await new Promise((r) => setTimeout(r, waitMs));
  await consumer.disconnect();
  return out;
}

export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 60_000, what = 'condition') {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
