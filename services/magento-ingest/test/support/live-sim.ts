// A Magento simulator listening on 127.0.0.1 with a settable clock, and the service's orders client on it.
import { createHttpClient, createLogger, createMetrics } from '@m3mage/runtime';
import { createMagentoSimulator, type MagentoSimulatorOptions } from '@m3mage/simulators/magento';
import {
  createAuthorizer,
  createMagentoTransport,
  magentoAnswers,
  type MagentoAuthSettings,
} from '@m3mage/connectors/magento';
import { createOrdersClient, MAGENTO_GROUP } from '../../src/clients/magento-orders.client';
import { T0 } from './harness';

export async function liveSimulator(opts: MagentoSimulatorOptions = {}) {
  let t = T0;
  const sim = createMagentoSimulator({
    now: () => t,
    sizes: { customers: 5, products: 10, orders: 0 },
    orderWriteHoldMs: 0,
    ...opts,
  });
  const url = await sim.app.listen({ host: '127.0.0.1', port: 0 });
  const metrics = createMetrics({ service: 'magento-ingest', collectDefaults: false });
  const logger = createLogger({ service: 'magento-ingest', version: '0', level: 'silent' });
  const http = createHttpClient({
    system: 'magento',
    answers: magentoAnswers,
    metrics,
    logger,
    groups: { [MAGENTO_GROUP]: { baseUrl: url } },
  });
  const client = (auth: MagentoAuthSettings, storeCode = 'default') =>
    createOrdersClient(
      createMagentoTransport({ http, baseUrl: url, storeCode, auth: createAuthorizer(auth, { now: () => t }) }),
    );
  const c = sim.credentials.integration;
  return {
    sim,
    url,
    metrics,
    logger,
    advance: (ms: number) => (t += ms),
    now: () => t,
    client,
    oauth: client({
      mode: 'oauth1',
      consumerKey: c.consumerKey,
      consumerSecret: c.consumerSecret,
      accessToken: c.accessToken,
      tokenSecret: c.accessTokenSecret,
    }),
    async close() {
      await http.close();
      await sim.close();
    },
  };
}
