// Composition root: config → service context → app → start.
import { createServiceContext, loadConfig } from '@m3mage/runtime';
import { groups, schemaForTopic } from '@m3mage/topics';
import { buildApp, consumes, produces } from './app';
import { configSchema } from './config';
import { GROUP_ID, topics } from './topics';

const config = loadConfig(configSchema, { service: 'transformer' });
const group = groups.find((g) => g.id === GROUP_ID);
const ctx = await createServiceContext({
  name: 'transformer',
  version: '0.1.0',
  config,
  produces,
  consumes: [...consumes, topics.xrefOrder],
  schemaOf: schemaForTopic,
});
buildApp({ ctx, ...(group ? { tierDelaysMs: group.retryDelaysMs } : {}) });
await ctx.start();
