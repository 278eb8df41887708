// Composition root: config → service context → app → start.
import { createServiceContext } from '@m3mage/runtime';
import { schemaForTopic } from '@m3mage/topics';
import { topology, wireService } from './app';
import { loadServiceConfig } from './config';

const config = loadServiceConfig();
const ctx = await createServiceContext({
  name: 'magento-ingest',
  version: '0.1.0',
  config,
  ...topology,
  schemaOf: schemaForTopic,
});
const app = await wireService(ctx);
await ctx.start();
for (const poller of app.pollers) poller.start();
