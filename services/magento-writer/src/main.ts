// Composition root: config → service context → app → start.
import { createServiceContext, loadConfig } from '@m3mage/runtime';
import { groups, schemaForTopic } from '@m3mage/topics';
import { buildApp, GROUP_ID, ORDER_COMMANDS } from './app';
import { configSchema } from './config';

const config = loadConfig(configSchema, { service: 'magento-writer' });
const group = groups.find((g) => g.id === GROUP_ID);
const ctx = await createServiceContext({
  name: 'magento-writer',
  version: '0.1.0',
  config,
  produces: [],
  consumes: [ORDER_COMMANDS],
  schemaOf: schemaForTopic,
});
buildApp({ ctx, ...(group ? { tierDelaysMs: group.retryDelaysMs } : {}) });
await ctx.start();
