// Composition root: config → service context → app → start.
import { createServiceContext } from '@m3mage/runtime';
import { schemaForTopic } from '@m3mage/topics';
import { wireService } from './app';
import { loadServiceConfig } from './config';
import { CDC_TOPIC, DLQ_TOPIC } from './ingest/order-ingest';
import { POLLER_TOPIC, VERSIONS_TOPIC } from './state/stores';

const config = loadServiceConfig();
const ctx = await createServiceContext({
  name: 'magento-ingest',
  version: '0.1.0',
  config,
  produces: [CDC_TOPIC, DLQ_TOPIC, VERSIONS_TOPIC, POLLER_TOPIC],
  consumes: [],
  schemaOf: schemaForTopic,
});
const app = await wireService(ctx);
await ctx.start();
app.poller?.start();
