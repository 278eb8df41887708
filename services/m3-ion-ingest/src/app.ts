// Builds m3-ion-ingest from injected dependencies: the variation table, the guard, the BOD ingest and
// its route. No process.env, no singletons.
import { AppError, type CompactedTable, type ServiceContext } from '@m3mage/runtime';
import { createBodIngest, type BodIngest } from './ingest';
import type { Config } from './config';
import type { IngestAuth } from './routes/auth';
import { bodRoute } from './routes/bod.route';
import { createVariationGuard } from './state/variation-guard';
import type { DocumentVersion } from '@m3mage/schemas/types';

export const defaultTopics = Object.freeze({
  shipment: 'cdc.m3.shipment.v1',
  invoice: 'cdc.m3.invoice.v1',
  salesOrder: 'cdc.m3.sales-order.v1',
  variations: 'state.m3-ion-ingest.variations.v1',
});
export type IngestTopics = typeof defaultTopics;

export interface AppOptions {
  ctx: ServiceContext<Config>;
  topics?: IngestTopics;
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
  const topics = opts.topics ?? defaultTopics;
  const auth = authOf(ctx.config);
  const byCatalogue = new Map<string, string>(
    Object.entries(defaultTopics).map(([k, v]) => [v, topics[k as keyof IngestTopics]]),
  );
  // Loaded by ctx.start() before the HTTP server listens; kept tailing; stopped by the lifecycle.
  const variations = ctx.table<DocumentVersion>(topics.variations);
  ctx.addReadinessCheck('variations-table', async () =>
    variations.ready() ? { ok: true } : { ok: false, detail: 'variation table loading' },
  );
  const guard = createVariationGuard({
    table: variations,
    record: async (v) => {
      await ctx.producer.send({
        topic: topics.variations,
        key: v.documentKey,
        value: v,
        meta: {
          correlationId: v.documentKey,
          causationId: v.eventId,
          eventType: 'DocumentVersion',
          sourceSystem: 'M3',
        },
      });
    },
    logger: ctx.logger,
    ...(opts.now ? { now: opts.now } : {}),
  });
  const ingest = createBodIngest({
    producer: ctx.producer,
    guard,
    logger: ctx.logger,
    topicOf: (t) => byCatalogue.get(t) ?? t,
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
