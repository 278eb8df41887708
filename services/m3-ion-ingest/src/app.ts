// Builds m3-ion-ingest from injected dependencies: the variation table, the guard, the BOD ingest and
// its route. No process.env, no singletons.
import { AppError, type CompactedTable, type ServiceContext } from '@m3mage/runtime';
import { createBodIngest, type BodIngest } from './ingest';
import type { Config } from './config';
import type { IngestAuth } from './routes/auth';
import { bodRoute } from './routes/bod.route';
import { createVariationGuard } from './state/variation-guard';
import type { DocumentVersion } from '@m3mage/schemas/types';
import { TOPIC } from '@m3mage/topics/catalogue';

/** What the service needs of the catalogue: no group (HTTP in), the change data and its variation table. */
export const topology = {
  produces: [TOPIC.cdcM3Shipment, TOPIC.cdcM3Invoice, TOPIC.cdcM3SalesOrder, TOPIC.stateM3IonIngestVariations],
};

export interface AppOptions {
  ctx: ServiceContext<Config>;
  now?: () => number;
}

export interface IngestApp {
  variations: CompactedTable<DocumentVersion>;
  ingest: BodIngest;
}

export function authOf(c: Config): IngestAuth {
  const auth: IngestAuth = {
    ...(c.ION_INGEST_BEARER_TOKEN ? { bearer: c.ION_INGEST_BEARER_TOKEN } : {}),
    ...(c.ION_INGEST_BASIC_USER && c.ION_INGEST_BASIC_PASSWORD
      ? { basic: { user: c.ION_INGEST_BASIC_USER, password: c.ION_INGEST_BASIC_PASSWORD } }
      : {}),
  };
  if (!auth.bearer && !auth.basic) {
    throw new AppError(
      'CONFIG_INVALID',
      'm3-ion-ingest needs ION_INGEST_BEARER_TOKEN or ION_INGEST_BASIC_USER + ION_INGEST_BASIC_PASSWORD',
    );
  }
  return auth;
}

export async function buildApp(opts: AppOptions): Promise<IngestApp> {
  const { ctx } = opts;
  const auth = authOf(ctx.config);
  // Loaded by ctx.start() before the HTTP server listens; kept tailing; stopped by the lifecycle.
  const variations = ctx.table<DocumentVersion>(TOPIC.stateM3IonIngestVariations);
  ctx.addReadinessCheck('variations-table', async () =>
    variations.ready() ? { ok: true } : { ok: false, detail: 'variation table loading' },
  );
  const guard = createVariationGuard({
    table: variations,
    logger: ctx.logger,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const ingest = createBodIngest({
    producer: ctx.producer,
    guard,
    logger: ctx.logger,
    ...(opts.now ? { now: opts.now } : {}),
  });
  await ctx.http.register(bodRoute, {
    path: ctx.config.ION_INGEST_PATH,
    auth,
    bodyLimit: ctx.config.ION_INGEST_BODY_LIMIT_BYTES,
    ingest,
    metrics: ctx.metrics,
    logger: ctx.logger,
  });
  return { variations, ingest };
}
