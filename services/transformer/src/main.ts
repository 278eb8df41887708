// Composition root: config → service context → app → start.
import { createServiceContext, loadConfig } from '@m3mage/runtime';
import { schemaForTopic } from '@m3mage/topics';
import { buildApp, topology } from './app';
import { configSchema } from './config';

const config = loadConfig(configSchema, { service: 'transformer' });
const ctx = await createServiceContext({
  name: 'transformer',
  version: '0.1.0',
  config,
  ...topology,
  schemaOf: schemaForTopic,
});
buildApp({ ctx });
await ctx.start();
