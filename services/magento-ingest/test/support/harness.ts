// In-process magento-ingest for unit tests: a bare fastify, in-memory state, a recording producer and order and
// customer clients backed by an in-process Magento simulator's store (no network, no Kafka).
import { generateKeyPairSync, createSign, createHmac } from 'node:crypto';
import { createLogger, createMetrics, AppError, type DeadLetter, type OutgoingRecord } from '@m3mage/runtime';
import { createMagentoSimulator, type MagentoSimulator } from '@m3mage/simulators/magento';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp, type App } from '../../src/app';
import type { CustomersClient } from '../../src/clients/magento-customers.client';
import type { OrdersClient } from '../../src/clients/magento-orders.client';
import { configSchema, type Config } from '../../src/config';
import type { ChangeValue } from '../../src/ingest/delivery';
import type { MagentoCustomerChange, MagentoOrderChange } from '@m3mage/schemas/types';
import { memoryCheckpointStore, memoryVersions } from '../../src/state/stores';
import { TOPIC } from '@m3mage/topics/catalogue';

export const T0 = Date.UTC(2025, 0, 15, 9, 30, 0);

export function rsaKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    pem,
    /** Commerce webhook: RSA-SHA256 over the base64 of the body. */
    commerce: (body: string) =>
      createSign('SHA256').update(Buffer.from(body).toString('base64')).sign(privateKey, 'base64'),
    /** I/O Events: RSA-SHA256 over the raw body. */
    raw: (body: string) => createSign('SHA256').update(body).sign(privateKey, 'base64'),
  };
}

/** A second Commerce key the harness accepts (as after a key rotation), to sign bodies a test writes itself. */
export const TEST_KEYS = rsaKeys();

export const hmac = (secret: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/** Like loadConfig: empty values count as unset. */
export function testConfig(env: Record<string, string>): Config {
  const set = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ''));
  return configSchema.parse(
    set({
      KAFKA_BROKERS: 'localhost:9092',
      SCHEMA_REGISTRY_URL: 'http://localhost:8081/apis/ccompat/v7',
      MAGENTO_BASE_URL: 'http://magento.test',
      MAGENTO_TOKEN: 'token',
      POLL_ENABLED: 'false',
      ...env,
    }),
  );
}

/** A REST read of the simulator's store by id (a deep copy, REST shape), counted and optionally failing. */
function simReads(read: (id: number) => object | undefined, missing: (id: number) => string) {
  const c = {
    calls: 0,
    fail: undefined as AppError | undefined,
    async get(id: number): Promise<unknown> {
      c.calls += 1;
      if (c.fail) throw c.fail;
      const found = read(id);
      if (!found) throw new AppError('MAGENTO_NOT_FOUND', missing(id));
      return structuredClone(found);
    },
    async changedPage() {
      return { items: [] as unknown[], total_count: 0 };
    },
  };
  return c;
}

/** Orders client reading the simulator's store (REST shape), optionally failing. */
export function simOrders(sim: MagentoSimulator): OrdersClient & { fail?: AppError | undefined; calls: number } {
  const c = simReads(
    (id) => sim.state.orders.get(id),
    (id) => `no order ${id}`,
  );
  return Object.assign(c, {
    async byIncrementId(id: string) {
      c.calls += 1;
      return structuredClone([...sim.state.orders.values()].find((o) => o.increment_id === id));
    },
  });
}

/** Customers client reading the simulator's store (REST shape), optionally failing. */
export function simCustomers(sim: MagentoSimulator): CustomersClient & { fail?: AppError | undefined; calls: number } {
  return simReads(
    (id) => sim.state.customers.get(id),
    (id) => `No such entity with customerId = ${id}`,
  );
}

/** Records what the app produces: orders and customers (a tombstone has a null value) by topic. */
export function recorder() {
  const orders: OutgoingRecord<MagentoOrderChange>[] = [];
  const customers: OutgoingRecord<MagentoCustomerChange>[] = [];
  const record = (r: OutgoingRecord<ChangeValue>): void => {
    if (r.topic === TOPIC.cdcMagentoCustomer) customers.push(r as OutgoingRecord<MagentoCustomerChange>);
    else orders.push(r as OutgoingRecord<MagentoOrderChange>);
  };
  return { orders, customers, record };
}

export interface Harness {
  app: App;
  http: FastifyInstance;
  sim: MagentoSimulator;
  /** cdc.magento.order.v1 records. */
  produced: OutgoingRecord<MagentoOrderChange>[];
  /** cdc.magento.customer.v1 records (tombstones included). */
  customerRecords: OutgoingRecord<MagentoCustomerChange>[];
  deadLetters: OutgoingRecord<DeadLetter>[];
  orders: ReturnType<typeof simOrders>;
  customers: ReturnType<typeof simCustomers>;
  versions: ReturnType<typeof memoryVersions>;
  metrics: ReturnType<typeof createMetrics>;
  /** Set to make the next produce() calls reject like an unacknowledged batch. */
  produceFailure: { error?: AppError };
  count(source: string, outcome: string): Promise<number>;
  /** pipeline_ingest_left_to_poller_total{source,reason}. */
  leftToPoller(source: string, reason: string): Promise<number>;
  close(): Promise<void>;
}

export const HMAC_SECRET = 'generic-hmac-secret';

/**
 * Every endpoint enabled with the simulator's key (Commerce webhooks, I/O Events) and an HMAC secret; the
 * simulator delivers its events into the app through inject() (no sockets).
 */
export async function harness(
  env: Record<string, string> = {},
  opts: { /** Collects every log line (level debug) instead of silencing the logger. */ logLines?: string[] } = {},
): Promise<Harness> {
  const http = Fastify();
  const sim = createMagentoSimulator({
    now: () => T0,
    sizes: { customers: 5, products: 10, orders: 0 },
    delivery: { retryBackoffMs: 0, maxAttempts: 1 },
    fetch: async (url, init) => {
      const u = new URL(typeof url === 'string' ? url : url instanceof URL ? url.href : url.url);
      const res = await http.inject({
        method: 'POST',
        url: u.pathname + u.search,
        headers: init?.headers as Record<string, string>,
        payload: init?.body as string,
      });
      return new Response(res.body, { status: res.statusCode });
    },
  });
  const config = testConfig({
    WEBHOOK_PUBLIC_KEY: sim.publicKeyPem + TEST_KEYS.pem,
    IO_EVENTS_PUBLIC_KEY: sim.publicKeyPem,
    WEBHOOK_HMAC_SECRET: HMAC_SECRET,
    ...env,
  });
  const metrics = createMetrics({ service: 'magento-ingest', collectDefaults: false });
  const lines = opts.logLines;
  const logger = lines
    ? createLogger({
        service: 'magento-ingest',
        version: '0',
        level: 'debug',
        destination: { write: (l) => void lines.push(l) },
      })
    : createLogger({ service: 'magento-ingest', version: '0', level: 'silent' });
  const records = recorder();
  const deadLetters: OutgoingRecord<DeadLetter>[] = [];
  const produceFailure: { error?: AppError } = {};
  const orders = simOrders(sim);
  const customers = simCustomers(sim);
  const versions = memoryVersions();
  const app = await buildApp({
    config,
    http,
    logger,
    metrics,
    orders,
    customers,
    versions,
    checkpoints: memoryCheckpointStore(),
    now: () => T0 + 1000,
    produce: async (r) => {
      if (produceFailure.error) throw produceFailure.error;
      records.record(r);
      return { partition: 0, offset: String(records.orders.length + records.customers.length - 1) };
    },
    deadLetter: async (r) => {
      if (produceFailure.error) throw produceFailure.error;
      deadLetters.push(r);
    },
  });
  await http.ready();
  return {
    app,
    http,
    sim,
    produced: records.orders,
    customerRecords: records.customers,
    deadLetters,
    orders,
    customers,
    versions,
    metrics,
    produceFailure,
    async count(source, outcome) {
      const m = await metrics.ingestRequestsTotal.get();
      return m.values.find((v) => v.labels.source === source && v.labels.outcome === outcome)?.value ?? 0;
    },
    async leftToPoller(source, reason) {
      const m = await metrics.ingestLeftToPollerTotal.get();
      return m.values.find((v) => v.labels.source === source && v.labels.reason === reason)?.value ?? 0;
    },
    async close() {
      await http.close();
      await sim.close();
    },
  };
}
