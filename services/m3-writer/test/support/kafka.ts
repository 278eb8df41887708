// m3-writer on the real broker and registry with unique topics and group, against an in-process M3 simulator.
import { loadConfig, retryDlqTopics, type AvroSchemaJson, type ServiceContext } from '@m3mage/runtime';
import type { M3Simulator } from '@m3mage/simulators/m3';
import { waitCaughtUp, withRetryTiers } from '../../../../test/support/caught-up';
import {
  createTestTopics,
  stackEnv,
  testServiceContext,
  uniqueName,
  uniqueTopics,
} from '../../../../test/support/kafka-rig';
import {
  buildApp,
  consumedTopics,
  defaultTopics,
  producedTopics,
  type WriterApp,
  type WriterTopics,
} from '../../src/app';
import { parseIonApi } from '../../src/clients/ionapi-file';
import { configSchema, type Config } from '../../src/config';

export { readAll, waitFor } from '../../../../test/support/kafka-rig';

export interface WriterRig {
  ctx: ServiceContext<Config>;
  app: WriterApp;
  topics: WriterTopics;
  groupId: string;
  dlq: string;
  /** The end marker: the group (and its retry tiers) committed every command sent, its outputs' ends unchanged. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

export async function startWriter(sim: M3Simulator, baseUrl: string, tierDelaysMs = [300, 600]): Promise<WriterRig> {
  const { topics, schemaOf } = uniqueTopics<WriterTopics>(defaultTopics);
  const groupId = uniqueName('it-m3-writer');
  const config = loadConfig(configSchema, {
    env: stackEnv({
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
    }),
    service: 'm3-writer',
  });
  await createTestTopics([...Object.values(topics), ...retryDlqTopics(groupId, tierDelaysMs.length)]);
  const ctx = await testServiceContext({
    name: 'm3-writer',
    config,
    produces: producedTopics(topics),
    consumes: consumedTopics(topics),
    schemaOf,
  });
  for (const t of consumedTopics(topics)) {
    await ctx.serde.register(t, schemaOf(t) as AvroSchemaJson);
  }
  const ionapi = parseIonApi(JSON.stringify(sim.ionapi(baseUrl)));
  const app = await buildApp({ ctx, ionapi, topics, groupId, tierDelaysMs });
  await ctx.start();
  const dlq = `${groupId}.dlq`;
  const caughtUp = () =>
    waitCaughtUp(ctx.kafka, withRetryTiers(groupId, consumedTopics(topics), tierDelaysMs.length), {
      watch: [...producedTopics(topics), dlq],
    });
  return { ctx, app, topics, groupId, dlq, caughtUp, stop: () => ctx.stop() };
}
