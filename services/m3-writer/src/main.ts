// Composition root: config → .ionapi → service context → app → start.
import { createServiceContext, loadConfig } from '@m3mage/runtime';
import { schemaForTopic } from '@m3mage/topics';
import { buildApp, topology } from './app';
import { readIonApi } from '@m3mage/connectors/m3';
import { configSchema } from './config';

const config = loadConfig(configSchema, { service: 'm3-writer' });
const ionapi = readIonApi(config);
const ctx = await createServiceContext({
  name: 'm3-writer',
  version: '0.1.0',
  config,
  ...topology,
  schemaOf: schemaForTopic,
});
await buildApp({ ctx, ionapi });
await ctx.start();
