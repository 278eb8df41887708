import { randomBytes, randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  CallRecorder,
  FaultInjector,
  controlPlugin,
  installFaults,
  isControlUrl,
  type FaultProfile,
} from '../../common';
import { AdminTokens } from './auth/admin-tokens';
import { DEFAULT_CREDENTIALS, mergeCredentials, type MagentoCredentials } from './auth/credentials';
import { AuthGuard } from './auth/guard';
import { OAuthVerifier } from './auth/oauth1';
import { catalogControl } from './control/catalog-control.route';
import { customerControl } from './control/customer-control.route';
import { magentoControl } from './control/magento-control.route';
import { BulkProcessor } from './domain/bulk';
import type { DomainContext } from './domain/context';
import { OrderWriteGuard } from './domain/order-writes';
import { StoreTopology, type StoreCodeOption } from './domain/stores';
import { EventDispatcher } from './events/dispatcher';
import { DomainEvents } from './events/domain-events';
import { EventConfig } from './events/registry';
import { EventSigner } from './events/signing';
import { errorBodyForStatus } from './http/fault-bodies';
import { installErrorHandling } from './http/error-handler';
import { BULK_CONSUMER_STORE, BULK_STORE_HEADER } from './routes/deps';
import { restApi } from './routes/rest.plugin';
import { seedFoundation } from './seed/foundation';
import { DEMO_SIZES, placeRandomOrder, seedStore, type RandomOrderOptions, type SeedSizes } from './seed/generate';
import { createPrng } from './seed/prng';
import { TrafficGenerator } from './seed/traffic';
import { MagentoState } from './state/store';
import type { Order } from './state/types';

export type { MagentoCredentials } from './auth/credentials';
export type { RandomOrderOptions, SeedSizes } from './seed/generate';
export type { Subscriber, SubscriberInput, DeliveryOptions } from './events/subscribers';
export type { DeliveryLogEntry } from './events/dispatcher';
export type { RegistrationState, RegistrationStatus } from './events/registration-health';
export type { FieldSpec } from './events/fields';
export type { StoreCodeOption, StoreScope } from './domain/stores';
export type {
  Order,
  Customer,
  Product,
  Shipment,
  Invoice,
  SourceItem,
  Source,
  Category,
  Stock,
  StockSourceLink,
  Reservation,
} from './state/types';
export { MagentoState } from './state/store';

export interface MagentoSimulatorOptions {
  /** Clock (epoch ms) for timestamps, token expiry, OAuth timestamps and faults. */
  now?: () => number;
  /** Randomness for faults and event delivery (drop/duplicate/reorder). */
  random?: () => number;
  /** How to wait (write hold, delivery backoff, reorder delay). */
  sleep?: (ms: number) => Promise<void>;
  /** HTTP client used to deliver events. */
  fetch?: typeof fetch;
  /** PRNG seed of the generated store (default 42). */
  seed?: number;
  /** Store sizes, or `false` for an empty store (no sources, products, customers or orders). */
  sizes?: Partial<SeedSizes> | false;
  credentials?: {
    admin?: Partial<MagentoCredentials['admin']>;
    integration?: Partial<MagentoCredentials['integration']>;
  };
  /** Accept the integration access token as a plain Bearer token (Magento ≥ 2.4.4: off by default). */
  integrationAsBearer?: boolean;
  /** Admin token lifetime (default 4 h). */
  adminTokenTtlMs?: number;
  /** OAuth 1.0a: allowed |now − oauth_timestamp| in seconds (default 600). */
  oauthTimestampSkewSeconds?: number;
  faults?: FaultProfile;
  /** How long a ship/invoice/comment write holds its order (concurrency hazard window, default 25 ms). */
  orderWriteHoldMs?: number;
  /** Event subscribers (see events/subscribers.ts). */
  subscribers?: unknown[];
  delivery?: Record<string, unknown>;
  /**
   * Extra store views, accepted in `/rest/{store}/V1`: a code (a store view of the Main Website, `base`) or
   * `{code, website?, name?}` (an unknown website code adds that website).
   */
  storeCodes?: StoreCodeOption[];
  /**
   * Behave as Magento with a single store view (StoreManager::hasSingleStore): every product value is saved
   * globally, whatever the store code. Default false: a multi-store installation, where a save without store
   * code writes store-view values of the default store view. Ignored when `storeCodes` adds store views.
   */
  singleStore?: boolean;
  /** Show real messages of unexpected errors instead of Magento's production mask. */
  developerMode?: boolean;
  logger?: boolean;
}

export interface MagentoSimulator {
  app: FastifyInstance;
  state: MagentoState;
  credentials: MagentoCredentials;
  /** PEM of the key that signs Commerce webhooks and I/O event deliveries. */
  publicKeyPem: string;
  /** `domain`: every change inside the store as it happens (tests count saves with it). */
  events: { config: EventConfig; dispatcher: EventDispatcher; domain: DomainEvents };
  recorder: CallRecorder;
  faults: FaultInjector;
  traffic: TrafficGenerator;
  bulk: BulkProcessor;
  placeOrders(count: number, opts?: RandomOrderOptions): Order[];
  /** Resolves when queued event deliveries and bulk operations are finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Builds an in-process Magento 2 simulator; call `app.listen()` to serve it or `app.inject()` to test it. */
export function createMagentoSimulator(opts: MagentoSimulatorOptions = {}): MagentoSimulator {
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? realSleep;
  const credentials = mergeCredentials(DEFAULT_CREDENTIALS, opts.credentials);
  const app = Fastify({ logger: opts.logger ?? false });
  const state = new MagentoState();
  const events = new DomainEvents();
  const stores = new StoreTopology(opts.storeCodes ?? [], opts.singleStore ?? false);
  const ctx: DomainContext = { state, now, events, stores };
  const signer = new EventSigner();
  const config = new EventConfig({ subscribers: opts.subscribers ?? [], delivery: opts.delivery ?? {} });
  const dispatcher = new EventDispatcher({
    signer,
    providerId: randomUUID(),
    publicKeyPath: '/_control/webhook-public-key',
    now,
    random,
    sleep,
    fetch: opts.fetch ?? globalThis.fetch,
    getSubscribers: () => config.getSubscribers(),
    getDelivery: () => config.getDelivery(),
  });
  events.on((e) => dispatcher.handle(e));

  const seed = opts.seed ?? 42;
  let prng = createPrng(seed);
  const sizes = opts.sizes === false ? false : { ...DEMO_SIZES, ...opts.sizes };
  const populate = (): void => {
    prng = createPrng(seed);
    events.silently(() => {
      seedFoundation(ctx);
      if (sizes) seedStore(ctx, prng, sizes);
    });
  };
  populate();

  let integrationAsBearer = opts.integrationAsBearer ?? false;
  const internalToken = randomBytes(24).toString('hex');
  const tokens = new AdminTokens({ now, ttlMs: opts.adminTokenTtlMs ?? 4 * 3600 * 1000 });
  const oauth = new OAuthVerifier({
    credentials: credentials.integration,
    now,
    skewSeconds: opts.oauthTimestampSkewSeconds ?? 600,
  });
  const auth = new AuthGuard({
    tokens,
    oauth,
    credentials,
    integrationAsBearer: () => integrationAsBearer,
    internalToken,
  });
  const writes = new OrderWriteGuard({ state, now, holdMs: opts.orderWriteHoldMs ?? 25, sleep });
  const bulk = new BulkProcessor({
    now,
    execute: async (method, path, payload, storeCode) => {
      const res = await app.inject({
        method: method as 'POST',
        url: `/rest/${BULK_CONSUMER_STORE}/V1/${path}`,
        headers: {
          authorization: `Bearer ${internalToken}`,
          ...(storeCode === undefined ? {} : { [BULK_STORE_HEADER]: storeCode }),
        },
        payload: payload as Record<string, unknown>,
      });
      return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as unknown) : null };
    },
  });
  const placeOrders = (count: number, o: RandomOrderOptions = {}): Order[] =>
    Array.from({ length: count }, () => placeRandomOrder(ctx, prng, o));
  const traffic = new TrafficGenerator({ now, placeOne: () => void placeOrders(1) });

  const faults = new FaultInjector({ profile: opts.faults ?? {}, now, random, sleep });
  const recorder = new CallRecorder();
  installErrorHandling(app, { developerMode: opts.developerMode ?? false });
  installFaults(app, {
    faults,
    recorder,
    now,
    skip: (url) => isControlUrl(url) || url.startsWith(`/rest/${BULK_CONSUMER_STORE}/`),
    errorBody: errorBodyForStatus,
  });
  void app.register(restApi, { ctx, auth, writes, tokens, credentials, bulk });
  void app.register(controlPlugin, {
    faults,
    recorder,
    reset: () => {
      traffic.stop();
      state.clear();
      bulk.clear();
      dispatcher.clearLog();
      populate();
    },
  });
  void app.register(catalogControl, { ctx });
  void app.register(customerControl, { ctx });
  void app.register(magentoControl, {
    info: () => ({
      credentials,
      integrationAsBearer,
      webhookPublicKey: signer.publicKeyPem,
      counts: { orders: state.orders.size, customers: state.customers.size, products: state.products.size },
    }),
    publicKeyPem: () => signer.publicKeyPem,
    config,
    dispatcher,
    traffic,
    state,
    placeOrders,
    setIntegrationAsBearer: (on) => (integrationAsBearer = on),
  });

  return {
    app,
    state,
    credentials,
    get publicKeyPem() {
      return signer.publicKeyPem;
    },
    events: { config, dispatcher, domain: events },
    recorder,
    faults,
    traffic,
    bulk,
    placeOrders,
    idle: async () => {
      await bulk.idle();
      await dispatcher.idle();
    },
    close: async () => {
      traffic.stop();
      dispatcher.close();
      await app.close();
    },
  };
}
