// m3-writer on the real broker and registry with unique topics and group, against an in-process M3 simulator.
import { dlqTopic, loadConfig, retryDlqTopics, type AvroSchemaJson, type ServiceContext } from '@m3mage/runtime';
import type { M3Simulator } from '@m3mage/simulators/m3';
import { schemaForTopic } from '@m3mage/topics';
import { waitCaughtUp, withRetryTiers } from '../../../../test/support/caught-up';
import { createTestTopics, stackEnv, testNamespace, testServiceContext } from '../../../../test/support/kafka-rig';
import { buildApp, topology, type WriterApp } from '../../src/app';
import { parseIonApi } from '@m3mage/connectors/m3';
import { configSchema, type Config } from '../../src/config';

export { readAll, waitFor } from '../../../../test/support/kafka-rig';

export interface WriterRig {
  ctx: ServiceContext<Config>;
  app: WriterApp;
  /** The broker-side name of a catalogue topic (the rig's KAFKA_NAMESPACE prefixed). */
  topic(name: string): string;
  /** The group's dead-letter topic, broker-side. */
  dlq: string;
  /** The end marker: the group (and its retry tiers) committed every command sent, its outputs' ends unchanged. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWriter(sim: M3Simulator, baseUrl: string, tierDelaysMs = [300, 600]): Promise<WriterRig> {
  const ns = testNamespace('it-m3w');
  const group = topology.group.id;
  const config = loadConfig(configSchema, {
    env: stackEnv({
      KAFKA_NAMESPACE: ns,
      RETRY_DELAYS_MS: tierDelaysMs.join(','),
      SHUTDOWN_DEADLINE_MS: '10000',
      M3_IONAPI_FILE: '(in memory)',
      M3_COMPANY: '100',
      M3_DIVISION: 'AAA',
      M3_BREAKER_VOLUME: '3',
      M3_BREAKER_RESET_MS: '500',
      M3_TIMEOUT_MS: '3000',
    }),
    service: 'm3-writer',
  });
  const topic = (name: string): string => `${ns}${name}`;
  const consumed = topology.group.consumes;
  await createTestTopics([...consumed, ...topology.produces, ...retryDlqTopics(group, tierDelaysMs.length)].map(topic));
  const ctx = await testServiceContext({ name: 'm3-writer', config, ...topology, schemaOf: schemaForTopic });
  // The test sends the commands: their schemas, as the transformer registers them.
  for (const t of consumed) await ctx.serde.register(topic(t), schemaForTopic(t) as AvroSchemaJson);
  const ionapi = parseIonApi(JSON.stringify(sim.ionapi(baseUrl)));
  const app = await buildApp({ ctx, ionapi });
  await ctx.start();
  const dlq = topic(dlqTopic(group));
  const caughtUp = () =>
    waitCaughtUp(ctx.kafka, withRetryTiers(topic(group), consumed.map(topic), tierDelaysMs.length), {
      watch: [...topology.produces.map(topic), dlq],
    });
  return { ctx, app, topic, dlq, caughtUp, stop: () => ctx.stop() };
}
