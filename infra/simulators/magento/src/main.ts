import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfig } from './config';
import { createMagentoSimulator } from './index';

/** Standalone Magento simulator: `npm run sim:magento`. */
const config = loadConfig();
const sizes = {
  ...(config.MAGENTO_SIM_CUSTOMERS === undefined ? {} : { customers: config.MAGENTO_SIM_CUSTOMERS }),
  ...(config.MAGENTO_SIM_PRODUCTS === undefined ? {} : { products: config.MAGENTO_SIM_PRODUCTS }),
  ...(config.MAGENTO_SIM_ORDERS === undefined ? {} : { orders: config.MAGENTO_SIM_ORDERS }),
};
const sim = createMagentoSimulator({
  seed: config.MAGENTO_SIM_SEED,
  sizes,
  integrationAsBearer: config.MAGENTO_SIM_INTEGRATION_AS_BEARER,
  credentials: {
    admin: {
      ...(config.MAGENTO_SIM_ADMIN_USER ? { username: config.MAGENTO_SIM_ADMIN_USER } : {}),
      ...(config.MAGENTO_SIM_ADMIN_PASSWORD ? { password: config.MAGENTO_SIM_ADMIN_PASSWORD } : {}),
    },
  },
  subscribers: config.MAGENTO_SIM_SUBSCRIBERS ? (JSON.parse(config.MAGENTO_SIM_SUBSCRIBERS) as unknown[]) : [],
  logger: config.MAGENTO_SIM_LOG,
});

const keyFile = resolve(config.MAGENTO_SIM_PUBLIC_KEY_FILE);
mkdirSync(dirname(keyFile), { recursive: true });
writeFileSync(keyFile, sim.publicKeyPem);

const address = await sim.app.listen({ host: config.MAGENTO_SIM_HOST, port: config.MAGENTO_SIM_PORT });
const c = sim.credentials;
const lines = [
  `Magento simulator listening on ${address}`,
  `  REST base URL            ${address}/rest/default/V1   (also ${address}/rest/V1)`,
  `  admin token endpoint     POST ${address}/rest/V1/integration/admin/token`,
  `  admin user / password    ${c.admin.username} / ${c.admin.password}`,
  `  integration token        ${c.integration.accessToken}   (Bearer ${config.MAGENTO_SIM_INTEGRATION_AS_BEARER ? 'enabled' : 'disabled: use OAuth 1.0a'})`,
  `  OAuth consumer key       ${c.integration.consumerKey}`,
  `  OAuth consumer secret    ${c.integration.consumerSecret}`,
  `  OAuth access token       ${c.integration.accessToken}`,
  `  OAuth access secret      ${c.integration.accessTokenSecret}`,
  `  webhook public key       ${keyFile}  (also GET ${address}/_control/webhook-public-key)`,
  `  control API              ${address}/_control/info`,
  `  store                    ${sim.state.orders.size} orders, ${sim.state.customers.size} customers, ${sim.state.products.size} products (seed ${config.MAGENTO_SIM_SEED})`,
];
process.stdout.write(`${lines.join('\n')}\n`);

const stop = (signal: string): void => {
  process.stdout.write(`Magento simulator stopping (${signal})\n`);
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
