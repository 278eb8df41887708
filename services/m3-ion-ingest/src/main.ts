// Composition root: config → service context → app → start.
import { createServiceContext, loadConfig } from '@m3mage/runtime';
import { schemaForTopic } from '@m3mage/topics';
import { buildApp, topology } from './app';
import { readIonApi } from '@m3mage/connectors/m3';
import { configSchema } from './config';

const config = loadConfig(configSchema, { service: 'm3-ion-ingest' });
const ctx = await createServiceContext({
  name: 'm3-ion-ingest',
  version: '0.1.0',
  config,
  ...topology,
  schemaOf: schemaForTopic,
});
// The .ionapi is read only when items are configured (order BODs need no M3 connection).
const ionapi = config.M3_IONAPI_FILE ? readIonApi({ M3_IONAPI_FILE: config.M3_IONAPI_FILE }) : undefined;
const app = await buildApp({ ctx, ...(ionapi ? { ionapi } : {}) });
await ctx.start();
app.itemPoller?.start();
app.pricePoller?.start();
app.warehousePoller?.start();
app.stockPoller?.start();
app.customerPoller?.start();
