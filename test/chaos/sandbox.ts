// The sandbox a chaos run works on: the product as `npm start` runs it, under a fresh namespace, with the
// short test-mode retry delays of the end-to-end tests, and enough customers that a burst re-uses them.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../infra/sandbox/sandbox';
import type { StackConnection } from '../../infra/stack/connection';
import { uniqueName } from '../support/env';

const fast = { RETRY_DELAYS_MS: '300,1000,2000', LOG_LEVEL: 'warn' };

export interface ChaosSandbox {
  sb: Sandbox;
  namespace: string;
}

export async function startChaosSandbox(connection: StackConnection, label = 'chaos'): Promise<ChaosSandbox> {
  const namespace = `${uniqueName(label)}.`;
  const sb = await startSandbox({
    connection,
    dir: mkdtempSync(join(tmpdir(), `${label}-`)),
    namespace,
    servicePorts: 'free',
    logLevel: 'warn',
    magento: { sizes: { customers: 200, products: 40, orders: 0, sources: 3 } },
    serviceEnv: {
      'magento-ingest': { ...fast, POLL_INTERVAL_MS: '1000', POLL_OVERLAP_MS: '5000' },
      'm3-ion-ingest': fast,
      transformer: fast,
      'm3-writer': { ...fast, M3_BREAKER_RESET_MS: '2000', M3_BREAKER_VOLUME: '3', M3_TIMEOUT_MS: '3000' },
      'magento-writer': fast,
    },
  });
  return { sb, namespace };
}
