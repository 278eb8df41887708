// Composition root: config → .ionapi → service context → app → start.
import { readFileSync } from 'node:fs';
import { createServiceContext, loadConfig } from '@m3mage/runtime';
import { schemaForTopic } from '@m3mage/topics';
import { buildApp, topology } from './app';
import { parseIonApi } from '@m3mage/connectors/m3';
import { configSchema } from './config';

const config = loadConfig(configSchema, { service: 'm3-writer' });
const ionapi = parseIonApi(readFileSync(config.M3_IONAPI_FILE, 'utf8'), config.M3_IONAPI_FILE);
const ctx = await createServiceContext({
  name: 'm3-writer',
  version: '0.1.0',
  config,
  ...topology,
  schemaOf: schemaForTopic,
});
await buildApp({ ctx, ionapi });
await ctx.start();
