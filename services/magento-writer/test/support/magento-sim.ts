// An in-process Magento simulator with the Magento connector's transport on it (OAuth 1.0a integration),
// for unit tests of handlers that need Magento's own answers. No broker.
import { createHttpClient, createLogger, createMetrics, type HttpClient } from '@m3mage/runtime';
import { createMagentoSimulator, type MagentoSimulator } from '@m3mage/simulators/magento';
import {
  createAuthorizer,
  createMagentoTransport,
  MAGENTO_GROUP,
  magentoAnswers,
  type MagentoTransport,
} from '@m3mage/connectors/magento';

export interface MagentoSimRig {
  sim: MagentoSimulator;
  http: HttpClient;
  transport: MagentoTransport;
  /** `METHOD /V1/...` of the REST calls the simulator received since the rig started (store code dropped). */
  calls(): Array<{ call: string; store: string; body: unknown }>;
  close(): Promise<void>;
}

export async function magentoSimRig(): Promise<MagentoSimRig> {
  const sim = createMagentoSimulator({ sizes: { customers: 1, products: 3, orders: 0 }, orderWriteHoldMs: 0 });
  const url = await sim.app.listen({ host: '127.0.0.1', port: 0 });
  const http = createHttpClient({
    system: 'magento',
    answers: magentoAnswers,
    metrics: createMetrics({ service: 'test', collectDefaults: false }),
    logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
    groups: { [MAGENTO_GROUP]: { baseUrl: url } },
  });
  const c = sim.credentials.integration;
  const auth = createAuthorizer({
    mode: 'oauth1',
    consumerKey: c.consumerKey,
    consumerSecret: c.consumerSecret,
    accessToken: c.accessToken,
    tokenSecret: c.accessTokenSecret,
  });
  const transport = createMagentoTransport({ http, baseUrl: url, storeCode: 'default', auth });
  return {
    sim,
    http,
    transport,
    calls: () =>
      sim.recorder.list({ pathPrefix: '/rest/' }).map((r) => {
        const [, , store = '', ...rest] = r.path.split('/');
        return { call: `${r.method} /${rest.join('/')}`, store, body: r.body };
      }),
    async close() {
      await http.close();
      await sim.close();
    },
  };
}
