// A Magento simulator listening on 127.0.0.1 with a settable clock, and the service's order and customer
// clients on it.
import { createHttpClient, createLogger, createMetrics } from '@m3mage/runtime';
import { createMagentoSimulator, type MagentoSimulatorOptions } from '@m3mage/simulators/magento';
import {
  createAuthorizer,
  createMagentoTransport,
  magentoAnswers,
  type MagentoAuthSettings,
} from '@m3mage/connectors/magento';
import { createCustomersClient } from '../../src/clients/magento-customers.client';
import { createOrdersClient, MAGENTO_GROUP } from '../../src/clients/magento-orders.client';
import type { Entity } from '../../src/entities/entity';
import { createIngest, type IngestDeps } from '../../src/ingest/ingest';
import { createPoller, type PollerOptions } from '../../src/poller/poller';
import { memoryVersions } from '../../src/state/stores';
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
  const transport = (auth: MagentoAuthSettings, storeCode = 'default') =>
    createMagentoTransport({ http, baseUrl: url, storeCode, auth: createAuthorizer(auth, { now: () => t }) });
  const client = (auth: MagentoAuthSettings, storeCode = 'default') => createOrdersClient(transport(auth, storeCode));
  const c = sim.credentials.integration;
  const oauth: MagentoAuthSettings = {
    mode: 'oauth1',
    consumerKey: c.consumerKey,
    consumerSecret: c.consumerSecret,
    accessToken: c.accessToken,
    tokenSecret: c.accessTokenSecret,
  };
  return {
    sim,
    url,
    metrics,
    logger,
    advance: (ms: number) => (t += ms),
    now: () => t,
    client,
    oauth: client(oauth),
    /** The customers client with the same integration credentials. */
    customers: createCustomersClient(transport(oauth)),
    async close() {
      await http.close();
      await sim.close();
    },
  };
}

export type LiveSimulator = Awaited<ReturnType<typeof liveSimulator>>;

/** A poller of `entity` on the live simulator with in-memory versions, sending to the given sinks. */
export function livePoller(
  live: LiveSimulator,
  entity: Entity,
  o: Pick<IngestDeps, 'produce' | 'deadLetter'> &
    Pick<PollerOptions, 'checkpoints' | 'pageSize' | 'overlapMs'> &
    Partial<Pick<PollerOptions, 'startAt' | 'schedule' | 'intervalMs'>>,
) {
  const ingest = createIngest({
    versions: memoryVersions(),
    produce: o.produce,
    deadLetter: o.deadLetter,
    now: live.now,
    logger: live.logger,
    metrics: live.metrics,
  });
  return createPoller({
    entity,
    ingest,
    checkpoints: o.checkpoints,
    metrics: live.metrics,
    logger: live.logger,
    now: live.now,
    intervalMs: o.intervalMs ?? 1000,
    pageSize: o.pageSize,
    overlapMs: o.overlapMs,
    ...(o.startAt !== undefined ? { startAt: o.startAt } : {}),
    ...(o.schedule ? { schedule: o.schedule } : {}),
  });
}
