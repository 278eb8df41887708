// Composition root: config → .ionapi → service context → app → start.
import { readFileSync } from 'node:fs';
import { createServiceContext, loadConfig } from '@m3mage/runtime';
import { groups, schemaForTopic } from '@m3mage/topics';
import { buildApp, consumedTopics, defaultTopics, producedTopics } from './app';
import { parseIonApi } from './clients/ionapi-file';
import { configSchema } from './config';

const config = loadConfig(configSchema, { service: 'm3-writer' });
const ionapi = parseIonApi(readFileSync(config.M3_IONAPI_FILE, 'utf8'), config.M3_IONAPI_FILE);
const group = groups.find((g) => g.id === 'm3-writer');
const ctx = await createServiceContext({
  name: 'm3-writer',
  version: '0.1.0',
  config,
  produces: producedTopics(defaultTopics),
  consumes: consumedTopics(defaultTopics),
  schemaOf: schemaForTopic,
});
await buildApp({ ctx, ionapi, ...(group ? { tierDelaysMs: group.retryDelaysMs } : {}) });
await ctx.start();
