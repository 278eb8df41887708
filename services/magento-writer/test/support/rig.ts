// magento-writer on the real broker and registry in its own KAFKA_NAMESPACE, against an in-process Magento
// simulator; helpers to send commands, wait for the group to catch up and read the DLQ.
import { dlqTopic, loadConfig, retryDlqTopics, type AvroSchemaJson, type ServiceContext } from '@m3mage/runtime';
import type {
  MagentoOrderCommand,
  SetSourceItem,
  UpdateMagentoCustomer,
  UpsertProduct,
  UpsertSource,
} from '@m3mage/schemas/types';
import type { MagentoSimulator } from '@m3mage/simulators/magento';
import { schemaForTopic } from '@m3mage/topics';
import { waitCaughtUp, withRetryTiers } from '../../../../test/support/caught-up';
import { createTestTopics, stackEnv, testNamespace, testServiceContext } from '../../../../test/support/kafka-rig';
import { GROUP, TOPIC } from '@m3mage/topics/catalogue';
import { buildApp, topology, type WriterApp } from '../../src/app';
import { configSchema, type Config } from '../../src/config';

export { readAll, waitFor } from '../../../../test/support/kafka-rig';

export interface Rig {
  ctx: ServiceContext<Config>;
  app: WriterApp;
  ns: string;
  send(cmd: MagentoOrderCommand): Promise<unknown>;
  sendProduct(cmd: UpsertProduct): Promise<unknown>;
  sendSource(cmd: UpsertSource): Promise<unknown>;
  sendSourceItem(cmd: SetSourceItem): Promise<unknown>;
  sendCustomer(cmd: UpdateMagentoCustomer): Promise<unknown>;
  /** The end marker: the group (and its retry tiers) committed every command sent, the DLQ's end unchanged. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWriter(
  sim: MagentoSimulator,
  baseUrl: string,
  env: Record<string, string> = {},
): Promise<Rig> {
  const ns = testNamespace('it-mw');
  const tiers = [200, 400];
  const group = GROUP.magentoWriter.id;
  const ctxConfig = loadConfig(configSchema, {
    env: stackEnv({
      KAFKA_NAMESPACE: ns,
      RETRY_DELAYS_MS: tiers.join(','),
      SHUTDOWN_DEADLINE_MS: '10000',
      MAGENTO_BASE_URL: baseUrl,
      MAGENTO_ADMIN_USER: sim.credentials.admin.username,
      MAGENTO_ADMIN_PASSWORD: sim.credentials.admin.password,
      MAGENTO_TIMEOUT_MS: '5000',
      MAGENTO_BREAKER_RESET_MS: '500',
      ...env,
    }),
    service: 'magento-writer',
  });
  await createTestTopics(
    [...topology.group.consumes, ...topology.produces, ...retryDlqTopics(group, tiers.length)].map((t) => `${ns}${t}`),
  );
  const ctx = await testServiceContext({
    name: 'magento-writer',
    config: ctxConfig,
    ...topology,
    schemaOf: schemaForTopic,
  });
  for (const topic of topology.group.consumes)
    await ctx.serde.register(`${ns}${topic}`, schemaForTopic(topic) as AvroSchemaJson);
  const app = buildApp({ ctx });
  await ctx.start();
  return {
    ctx,
    app,
    ns,
    send: (cmd) =>
      ctx.producer.send({
        topic: TOPIC.cmdMagentoOrder,
        key: cmd.incrementId,
        value: cmd,
        meta: {
          correlationId: cmd.incrementId,
          causationId: cmd.meta.causationId,
          eventType: 'MagentoOrderCommand',
          sourceSystem: 'M3',
        },
      }),
    sendProduct: (cmd) =>
      ctx.producer.send({
        topic: TOPIC.cmdMagentoProduct,
        key: cmd.sku,
        value: cmd,
        meta: {
          correlationId: cmd.sku,
          causationId: cmd.meta.causationId,
          eventType: 'UpsertProduct',
          sourceSystem: 'M3',
        },
      }),
    sendSource: (cmd) =>
      ctx.producer.send({
        topic: TOPIC.cmdMagentoSource,
        key: cmd.sourceCode,
        value: cmd,
        meta: {
          correlationId: cmd.sourceCode,
          causationId: cmd.meta.causationId,
          eventType: 'UpsertSource',
          sourceSystem: 'M3',
        },
      }),
    sendSourceItem: (cmd) =>
      ctx.producer.send({
        topic: TOPIC.cmdMagentoSourceItem,
        key: `${cmd.sku}@${cmd.sourceCode}`,
        value: cmd,
        meta: {
          correlationId: `${cmd.sku}@${cmd.sourceCode}`,
          causationId: cmd.meta.causationId,
          eventType: 'SetSourceItem',
          sourceSystem: 'M3',
          entityVersion: cmd.m3Version,
        },
      }),
    sendCustomer: (cmd) =>
      ctx.producer.send({
        topic: TOPIC.cmdMagentoCustomer,
        key: String(cmd.magentoCustomerId),
        value: cmd,
        meta: {
          correlationId: cmd.cuno,
          causationId: cmd.meta.causationId,
          eventType: 'UpdateMagentoCustomer',
          sourceSystem: 'M3',
          entityVersion: cmd.m3Version,
        },
      }),
    caughtUp: () =>
      waitCaughtUp(
        ctx.kafka,
        withRetryTiers(
          `${ns}${group}`,
          topology.group.consumes.map((t) => `${ns}${t}`),
          tiers.length,
        ),
        {
          watch: [`${ns}${dlqTopic(group)}`],
        },
      ),
    stop: () => ctx.stop(),
  };
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
