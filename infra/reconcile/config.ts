// Where reconcile reads M3 and Magento: the services' own keys, validated the same way — M3 as m3-ion-ingest
// reads it (M3_IONAPI_FILE, M3_COMPANY, the ITEM_PRICE_* keys, STOCK_WAREHOUSE_GROUPS or STOCK_WAREHOUSES), Magento
// as magento-writer writes it (MAGENTO_BASE_URL, MAGENTO_TOKEN, …). Next to a running sandbox without those
// keys, the sandbox's simulators (.stack/sandbox/sandbox.json).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '@m3mage/runtime';
import { m3ConnectionSchema } from '@m3mage/connectors/m3';
import { checkMagentoConnection, magentoConnectionSchema } from '@m3mage/connectors/magento';
import { z } from 'zod';
import { configSchema as ingestConfig, itemPriceKeys } from '../../services/m3-ion-ingest/src/config';
import type { SandboxInfo } from '../sandbox/info';
import { stackDir } from '../stack/connection';

const schema = z
  .object({
    ...m3ConnectionSchema().shape,
    ...itemPriceKeys,
    STOCK_WAREHOUSE_GROUPS: ingestConfig.shape.STOCK_WAREHOUSE_GROUPS,
    STOCK_WAREHOUSES: ingestConfig.shape.STOCK_WAREHOUSES,
    ...magentoConnectionSchema({ timeoutMs: 30_000 }).shape,
  })
  .superRefine((c, ctx) => checkMagentoConnection(c, ctx));

export type ReconcileConfig = z.infer<typeof schema>;

function sandboxInfo(env: NodeJS.ProcessEnv): SandboxInfo | undefined {
  try {
    return JSON.parse(readFileSync(resolve(stackDir(env), 'sandbox', 'sandbox.json'), 'utf8')) as SandboxInfo;
  } catch {
    return undefined; // no sandbox here: the config error names the keys
  }
}

/** The environment, with the sandbox's M3 and Magento for what it names none of. */
export function withSandbox(env: NodeJS.ProcessEnv, note: (text: string) => void): NodeJS.ProcessEnv {
  if (env.M3_IONAPI_FILE && env.MAGENTO_BASE_URL) return env;
  const info = sandboxInfo(env);
  if (!info) return env;
  const out = { ...env };
  if (!env.M3_IONAPI_FILE && info.m3IonapiFile) {
    note(`M3 of the sandbox (${info.m3Url}); set M3_IONAPI_FILE and M3_COMPANY to choose`);
    Object.assign(out, { M3_IONAPI_FILE: info.m3IonapiFile, M3_COMPANY: env.M3_COMPANY ?? info.m3Company });
    // The sandbox's stock poll reads warehouse group ALL (infra/sandbox/wiring.ts).
    if (!env.STOCK_WAREHOUSE_GROUPS && !env.STOCK_WAREHOUSES) out.STOCK_WAREHOUSE_GROUPS = 'ALL';
  }
  if (!env.MAGENTO_BASE_URL && info.magentoUrl) {
    note(`Magento of the sandbox (${info.magentoUrl}); set MAGENTO_BASE_URL and MAGENTO_TOKEN to choose`);
    Object.assign(out, { MAGENTO_BASE_URL: info.magentoUrl, MAGENTO_TOKEN: env.MAGENTO_TOKEN ?? info.magentoToken });
  }
  return out;
}

export const reconcileConfig = (env: NodeJS.ProcessEnv, note: (text: string) => void): ReconcileConfig =>
  loadConfig(schema, { env: withSandbox(env, note), service: 'reconcile' });
