// How the sandbox wires the five services to the local stack and the simulators: one table, env per service.
export interface SandboxWiring {
  brokers: string;
  registryUrl: string;
  m3Url: string;
  magentoUrl: string;
  ionapiFile: string;
  magentoPublicKeyFile: string;
  magentoToken: string;
  webhookHmacSecret: string;
  bodToken: string;
  logLevel: string;
}

export interface SandboxService {
  name: string;
  port: number;
  entry: string;
  env(w: SandboxWiring): Record<string, string>;
}

const base = (w: SandboxWiring, port: number): Record<string, string> => ({
  KAFKA_BROKERS: w.brokers,
  SCHEMA_REGISTRY_URL: w.registryUrl,
  HTTP_HOST: '127.0.0.1',
  HTTP_PORT: String(port),
  LOG_LEVEL: w.logLevel,
});

const magento = (w: SandboxWiring): Record<string, string> => ({
  MAGENTO_BASE_URL: w.magentoUrl,
  MAGENTO_STORE_CODE: 'default',
  MAGENTO_AUTH_MODE: 'bearer',
  MAGENTO_TOKEN: w.magentoToken,
});

/** The company (CONO) of the M3 simulator's seed. */
export const sandboxM3Company = '100';

const m3 = (w: SandboxWiring): Record<string, string> => ({
  M3_IONAPI_FILE: w.ionapiFile,
  M3_COMPANY: sandboxM3Company,
  M3_DIVISION: 'AAA',
});

export const sandboxServices: readonly SandboxService[] = [
  {
    name: 'magento-ingest',
    port: 8101,
    entry: 'services/magento-ingest/src/main.ts',
    env: (w) => ({
      ...base(w, 8101),
      ...magento(w),
      WEBHOOK_PUBLIC_KEY_FILE: w.magentoPublicKeyFile,
      WEBHOOK_HMAC_SECRET: w.webhookHmacSecret,
      POLL_INTERVAL_MS: '5000',
      CUSTOMER_POLL_ENABLED: 'true',
    }),
  },
  {
    name: 'm3-ion-ingest',
    port: 8102,
    entry: 'services/m3-ion-ingest/src/main.ts',
    env: (w) => ({
      ...base(w, 8102),
      ...m3(w),
      ION_INGEST_BEARER_TOKEN: w.bodToken,
      // Warehouses → MSI sources and stock → source items (the simulator's warehouses are in group ALL).
      WAREHOUSE_POLL_ENABLED: 'true',
      WAREHOUSE_POLL_INTERVAL_MS: '10000',
      STOCK_POLL_ENABLED: 'true',
      STOCK_SOURCE: 'LstItmWhsByWhgr',
      STOCK_WAREHOUSE_GROUPS: 'ALL',
      STOCK_POLL_INTERVAL_MS: '2000',
      // Customers both ways: CRS610 changes by CustomerPartyMaster BOD → the linked Magento customers.
      CUSTOMER_BOD_ENABLED: 'true',
    }),
  },
  {
    name: 'transformer',
    port: 8103,
    entry: 'services/transformer/src/main.ts',
    env: (w) => base(w, 8103),
  },
  {
    name: 'm3-writer',
    port: 8104,
    entry: 'services/m3-writer/src/main.ts',
    env: (w) => ({
      ...base(w, 8104),
      ...m3(w),
    }),
  },
  {
    name: 'magento-writer',
    port: 8105,
    entry: 'services/magento-writer/src/main.ts',
    env: (w) => ({ ...base(w, 8105), ...magento(w) }),
  },
];
