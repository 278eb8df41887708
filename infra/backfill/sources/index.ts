// Which sources a backfill can read, and how each is opened from the environment. The M3 connection is
// the ingest service's (M3_IONAPI_FILE, M3_COMPANY, the ITEM_PRICE_* keys, validated the same way); next to
// a running sandbox without those keys, the sandbox's simulator (.stack/sandbox/sandbox.json).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createLogger, createMetrics, loadConfig } from '@m3mage/runtime';
import { m3Connection, m3ConnectionSchema, readIonApi } from '@m3mage/connectors/m3';
import { TOPIC } from '@m3mage/topics/catalogue';
import { z } from 'zod';
import { itemPriceKeys } from '../../../services/m3-ion-ingest/src/config';
import { createGroupNames } from '../../../services/m3-ion-ingest/src/items/group-names';
import { itemEnricher } from '../../../services/m3-ion-ingest/src/items/item-change';
import { priceSourceOf } from '../../../services/m3-ion-ingest/src/items/price-source';
import { variationVersionOf } from '../versions';
import { stackDir } from '../../stack/connection';
import type { SandboxInfo } from '../../sandbox/info';
import { jobId, UsageError, type BackfillOptions } from '../options';
import type { BackfillSession } from '../session';
import type { SnapshotSource } from '../source';
import { m3ItemsSource } from './m3-items';

/** entity@system → what it needs; the others are refused naming the ones there are. */
const SUPPORTED = ['items@m3'] as const;

export const supportedSources = (): readonly string[] => SUPPORTED;

const m3ConfigSchema = z.object({ ...m3ConnectionSchema().shape, ...itemPriceKeys });

/** The environment, with the sandbox's M3 when the environment names none. */
function m3Env(env: NodeJS.ProcessEnv, note: (text: string) => void): NodeJS.ProcessEnv {
  if (env.M3_IONAPI_FILE) return env;
  try {
    const info = JSON.parse(readFileSync(resolve(stackDir(env), 'sandbox', 'sandbox.json'), 'utf8')) as SandboxInfo;
    if (info.m3IonapiFile) {
      note(`M3 of the sandbox (${info.m3Url}); set M3_IONAPI_FILE and M3_COMPANY to choose`);
      return { ...env, M3_IONAPI_FILE: info.m3IonapiFile, M3_COMPANY: env.M3_COMPANY ?? info.m3Company };
    }
  } catch {
    // no sandbox here: the config error names the keys
  }
  return env;
}

export async function openSource(
  o: BackfillOptions,
  session: BackfillSession,
  env: NodeJS.ProcessEnv,
  note: (text: string) => void,
): Promise<SnapshotSource> {
  const name = `${o.entity}@${o.from}`;
  if (!(SUPPORTED as readonly string[]).includes(name))
    throw new UsageError(
      `backfill of ${o.entity} from ${o.from} is not available yet; there is ${SUPPORTED.join(', ')}`,
    );
  const c = loadConfig(m3ConfigSchema, { env: m3Env(env, note), service: 'backfill' });
  const logger = createLogger({ service: 'backfill', version: '0', level: 'silent' });
  const { http, mi } = m3Connection(c, {
    ionapi: readIonApi(c),
    logger,
    metrics: createMetrics({ service: 'backfill', collectDefaults: false }),
  });
  const now = Date.now;
  const price = priceSourceOf(c, mi, now);
  const names = createGroupNames({ mi, now });
  const versions = await session.versions(TOPIC.stateM3IonIngestVariations);
  const source = m3ItemsSource({
    mi,
    enrich: itemEnricher(price, names),
    names,
    priceSource: c.ITEM_PRICE_SOURCE,
    known: (key) => variationVersionOf(versions.get(key)),
    job: jobId(o),
    pageSize: o.pageSize,
    now,
    ...(o.since !== undefined ? { since: o.since } : {}),
    ...(o.keys ? { keys: o.keys } : {}),
  });
  return { ...source, close: () => http.close() };
}
