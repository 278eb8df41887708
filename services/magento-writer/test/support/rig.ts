// magento-writer on the real broker and registry in its own KAFKA_NAMESPACE, against an in-process Magento
// simulator; helpers to send commands and read the DLQ.
import { Writable } from 'node:stream';
import {
  createServiceContext,
  ensureTopics,
  loadConfig,
  retryDlqTopics,
  type AvroSchemaJson,
  type ServiceContext,
} from '@m3mage/runtime';
import type { MagentoSimulator } from '@m3mage/simulators/magento';
import { schemaForTopic } from '@m3mage/topics';
import { Kafka, logLevel } from 'kafkajs';
import { testStack, uniqueName } from '../../../../test/support/env';
import { buildApp, GROUP_ID, ORDER_COMMANDS, type WriterApp } from '../../src/app';
import { configSchema, type Config } from '../../src/config';
import type { MagentoOrderCommand } from '@m3mage/schemas/types';

const quiet = new Writable({ write: (_c, _e, cb) => cb() });

export interface Rig {
  ctx: ServiceContext<Config>;
  app: WriterApp;
  ns: string;
  send(cmd: MagentoOrderCommand): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startWriter(
  sim: MagentoSimulator,
  baseUrl: string,
  env: Record<string, string> = {},
): Promise<Rig> {
  const stack = testStack();
  const ns = `${uniqueName('it-mw')}.`;
  const tiers = [200, 400];
  const ctxConfig = loadConfig(configSchema, {
    env: {
      KAFKA_BROKERS: stack.brokers.join(','),
      SCHEMA_REGISTRY_URL: stack.registryUrl,
      KAFKA_NAMESPACE: ns,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      SHUTDOWN_DEADLINE_MS: '10000',
      MAGENTO_BASE_URL: baseUrl,
      MAGENTO_ADMIN_USER: sim.credentials.admin.username,
      MAGENTO_ADMIN_PASSWORD: sim.credentials.admin.password,
      MAGENTO_TIMEOUT_MS: '5000',
      MAGENTO_BREAKER_RESET_MS: '500',
      ...env,
    },
    service: 'magento-writer',
  });
  const kafka = new Kafka({ clientId: 'it', brokers: stack.brokers, logLevel: logLevel.NOTHING });
  await ensureTopics(
    { clientId: 'it', kafka },
    [ORDER_COMMANDS, ...retryDlqTopics(GROUP_ID, tiers.length)].map((t) => ({ topic: `${ns}${t}`, partitions: 3 })),
  );
  const ctx = await createServiceContext({
    name: 'magento-writer',
    version: '0.0.0-test',
    config: ctxConfig,
    produces: [],
    consumes: [ORDER_COMMANDS],
    schemaOf: schemaForTopic,
    logDestination: quiet,
    signals: { once: () => undefined, removeListener: () => undefined },
  });
  await ctx.serde.register(`${ns}${ORDER_COMMANDS}`, schemaForTopic(ORDER_COMMANDS) as AvroSchemaJson);
  const app = buildApp({ ctx, tierDelaysMs: tiers });
  await ctx.start();
  return {
    ctx,
    app,
    ns,
    send: (cmd) =>
      ctx.producer.send({
        topic: ORDER_COMMANDS,
        key: cmd.incrementId,
        value: cmd,
        meta: {
          correlationId: cmd.incrementId,
          causationId: cmd.meta.causationId,
          eventType: 'MagentoOrderCommand',
          sourceSystem: 'M3',
        },
      }),
    stop: () => ctx.stop(),
  };
}

/** Every record of a (namespaced) topic so far, decoded. */
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

let seq = 0;
export function command(incrementId: string, key: string, action: MagentoOrderCommand['action']): MagentoOrderCommand {
  seq += 1;
  return {
    meta: {
      commandId: `c-${seq}`,
      idempotencyKey: key,
      correlationId: incrementId,
      causationId: `evt-${seq}`,
      issuedAt: Date.now(),
    },
    incrementId,
    action,
  };
}
