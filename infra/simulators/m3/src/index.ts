import Fastify, { type FastifyInstance } from 'fastify';
import { CallRecorder, controlPlugin, FaultInjector, installFaults, type FaultProfile } from '../../common/index';
import { BodPublisher, type Transport } from './bod/publisher';
import type { BodDeliveryOptions, BodSubscriber } from './bod/delivery-options';
import { actionRoutes } from './control/actions.route';
import { bodRoutes } from './control/bods.route';
import { itemRoutes } from './control/items.route';
import { miFaultRoutes } from './control/mi-faults.route';
import { priceListRoutes } from './control/price-lists.route';
import { stateRoutes } from './control/state.route';
import { stockRoutes } from './control/stock.route';
import { warehouseRoutes } from './control/warehouses.route';
import { Fulfilment } from './state/fulfilment';
import { buildIonApi, defaultCredentials, type IonApiFile, type IonCredentials } from './auth/ionapi';
import { TokenService } from './auth/tokens';
import { MiExecutor } from './mi/execute';
import { MiFaultSwitch, type MiFaults } from './mi/faults';
import { gatewayErrorBody } from './mi/gateway-error';
import { MiMetadata } from './mi/metadata';
import { authGuard, type DirectUser } from './routes/auth-guard';
import { miRoutes } from './routes/mi.route';
import { tokenRoutes } from './routes/token.route';
import { seedState, type SeedOptions } from './state/seed';
import { M3State, type CompanySettings } from './state/store';
import type { InventoryNoun } from './state/types';
import { buildHandlers } from './transactions/index';

export interface M3SimulatorOptions {
  /** Clock for tokens, dates and outages (default Date.now). */
  now?: () => number;
  /** Randomness for faults (default Math.random). */
  random?: () => number;
  /** ION tenant (default M3SIM_TST); credentials default from it. */
  tenant?: string;
  credentials?: Partial<IonCredentials>;
  /** Access token lifetime (default 7200 s, as ION API). */
  tokenLifetimeSeconds?: number;
  company?: Partial<CompanySettings>;
  /** Companies the API user may access (default [company.CONO]); others give XAU0008. */
  companies?: string[];
  seed?: SeedOptions;
  profile?: FaultProfile;
  /** MI faults: locked and lost answers, Confirm errors (PUT /_control/mi-faults; cleared by the control reset). */
  miFaults?: MiFaults;
  /** Basic-auth user for the direct `/m3api-rest` paths. */
  directUser?: DirectUser;
  /** Where BODs go (also settable at run time: PUT /_control/bods/subscribers). */
  subscribers?: BodSubscriber[];
  /** Late / out-of-order / duplicate delivery and retry settings (PUT /_control/bods/delivery). */
  bodDelivery?: BodDeliveryOptions;
  /** BOD HTTP transport (default fetch); injected in tests. */
  bodTransport?: Transport;
  /** Randomness for BOD delivery (default Math.random; seed it for reproducible out-of-order runs). */
  bodRandom?: () => number;
  /**
   * The BODs a balance change publishes (default `['InventoryCount']`); add `LS_ItemStock` for LeanSwift's custom
   * stock BOD (the layout m3-ion-ingest's STOCK_BOD_NOUN assumes). Subscribers still filter by `nouns`.
   */
  inventoryNouns?: InventoryNoun[];
  logger?: boolean;
}

export interface M3Simulator {
  app: FastifyInstance;
  state: M3State;
  tokens: TokenService;
  faults: FaultInjector;
  /** MI faults in force (`/_control/mi-faults`). */
  miFaults: MiFaultSwitch;
  recorder: CallRecorder;
  credentials: IonCredentials;
  publisher: BodPublisher;
  fulfilment: Fulfilment;
  /** `.ionapi` for this simulator; baseUrl defaults to the listening address. */
  ionapi(baseUrl?: string): IonApiFile;
  /** Listens (default 127.0.0.1, port 0) and returns the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  /** Clears all state and reseeds. */
  reset(): void;
  close(): Promise<void>;
}

export function createM3Simulator(opts: M3SimulatorOptions = {}): M3Simulator {
  const now = opts.now ?? Date.now;
  const credentials = { ...defaultCredentials(opts.tenant), ...opts.credentials };
  const company: CompanySettings = { CONO: '100', DIVI: 'AAA', CUCD: 'EUR', FACI: 'A01', ...opts.company };
  const state = new M3State(company, now);
  if (opts.inventoryNouns) state.inventoryNouns = [...new Set(opts.inventoryNouns)];
  const publisher = new BodPublisher({
    state,
    ...(opts.subscribers ? { subscribers: opts.subscribers } : {}),
    ...(opts.bodDelivery ? { delivery: opts.bodDelivery } : {}),
    ...(opts.bodTransport ? { transport: opts.bodTransport } : {}),
    ...(opts.bodRandom ? { random: opts.bodRandom } : {}),
  });
  state.onChange((change) => publisher.publish(change));
  const fulfilment = new Fulfilment(state);
  const reseed = () => {
    state.clear();
    publisher.clear();
    seedState(state, opts.seed);
  };
  reseed();

  const tokens = new TokenService({ now, lifetimeSeconds: opts.tokenLifetimeSeconds ?? 7200 });
  const faults = new FaultInjector({
    ...(opts.profile ? { profile: opts.profile } : {}),
    now,
    ...(opts.random ? { random: opts.random } : {}),
  });
  const miFaults = new MiFaultSwitch(opts.random ?? Math.random, opts.miFaults);
  const recorder = new CallRecorder();
  const metadata = MiMetadata.load();
  const executor = new MiExecutor({
    metadata,
    handlers: buildHandlers(state, miFaults),
    companies: opts.companies ?? [company.CONO],
    faults: miFaults,
  });

  const app = Fastify({ logger: opts.logger ?? false });
  installFaults(app, { faults, recorder, now, errorBody: gatewayErrorBody });
  const guard = authGuard(tokens, credentials, opts.directUser ?? { user: 'M3SIM', password: 'm3sim' });
  void app.register(tokenRoutes, { credentials, tokens });
  void app.register(miRoutes, { executor, guard });
  const reset = () => {
    reseed();
    tokens.clear();
  };
  // The control reset clears the MI faults as it clears the fault profile.
  const controlReset = () => {
    miFaults.clear();
    reset();
  };
  void app.register(controlPlugin, { faults, recorder, reset: controlReset });
  void app.register(miFaultRoutes, { faults: miFaults });
  void app.register(stateRoutes, { state });
  void app.register(actionRoutes, { state, fulfilment, tokens });
  void app.register(itemRoutes, { state, metadata });
  void app.register(stockRoutes, { state });
  void app.register(warehouseRoutes, { state, metadata });
  void app.register(priceListRoutes, { state });
  void app.register(bodRoutes, { publisher });

  let listeningUrl: string | undefined;
  return {
    app,
    state,
    tokens,
    faults,
    miFaults,
    recorder,
    credentials,
    publisher,
    fulfilment,
    ionapi: (baseUrl) => buildIonApi(baseUrl ?? listeningUrl ?? 'http://127.0.0.1:8090', credentials),
    listen: async (port = 0, host = '127.0.0.1') => {
      await app.listen({ port, host });
      const address = app.server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      listeningUrl = `http://${host}:${actual}`;
      return listeningUrl;
    },
    reset,
    close: () => app.close(),
  };
}

export type { IonApiFile, IonCredentials } from './auth/ionapi';
export type { BodDeliveryOptions, BodSubscriber } from './bod/delivery-options';
export type { InventoryNoun } from './state/types';
export type { BodLogEntry, Transport } from './bod/publisher';
export { formatI1, parseI1 } from './transactions/gl-parm';
export { M3State } from './state/store';
export type { SeedOptions } from './state/seed';
export type { FaultProfile } from '../../common/index';
export type { MiFaults, MiFaultSwitch } from './mi/faults';
export type { BatchOrderSummary, OpenBatchOrder } from './state/batch-summary';
