// The product on one machine: both simulators (in this process) wired to the five services (child
// processes), on a broker whose catalogue topics exist under an optional namespace. Used by `npm start`
// and by the end-to-end tests, so what the tests prove is what the sandbox runs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { createM3Simulator, type M3Simulator, type M3SimulatorOptions } from '@m3mage/simulators/m3';
import {
  createMagentoSimulator,
  type MagentoSimulator,
  type MagentoSimulatorOptions,
} from '@m3mage/simulators/magento';
import { applyCatalogue } from '@m3mage/topics';
import { repoRoot, type StackConnection } from '../stack/connection';
import { alignCatalogues } from './align';
import { startChild, stopChild, waitReady, type Child } from './children';
import { sandboxEndpoints, type SandboxEndpoints } from './endpoints';
import type { SandboxInfo } from './info';
import { sandboxM3Company, sandboxServices, type SandboxService, type SandboxWiring } from './wiring';

export interface SandboxOptions {
  connection: StackConnection;
  /** Folder for the .ionapi file, the webhook key, logs and sandbox.json. */
  dir: string;
  /** Prefix of every topic and group (KAFKA_NAMESPACE); '' in the sandbox, unique per e2e test. */
  namespace?: string;
  /** 0 = pick free ports. */
  m3Port?: number;
  magentoPort?: number;
  servicePorts?: 'fixed' | 'free';
  logLevel?: string;
  m3?: M3SimulatorOptions;
  magento?: MagentoSimulatorOptions;
  /** Extra environment per service (e.g. short test timings). */
  serviceEnv?: Partial<Record<string, Record<string, string>>>;
  /**
   * BODs the M3 simulator sends to m3-ion-ingest (default: orders, shipments, invoices and items; stock by the MI
   * poll). Stock by BOD: add `LS_ItemStock` here, `m3: {inventoryNouns: ['LS_ItemStock']}` and
   * `serviceEnv: {'m3-ion-ingest': {STOCK_BOD_NOUN: 'LS_ItemStock'}}`.
   */
  bodNouns?: SandboxEndpoints['bodSubscriber']['nouns'];
  readyTimeoutMs?: number;
}

export interface Sandbox {
  m3: M3Simulator;
  magento: MagentoSimulator;
  m3Url: string;
  magentoUrl: string;
  info: SandboxInfo;
  /** The inbound credentials the simulators use (tests send their own requests with them). */
  secrets: { webhookHmacSecret: string; bodToken: string };
  children: Map<string, Child>;
  serviceUrl(name: string): string;
  /** kill -9 (signal SIGKILL) or graceful (SIGTERM) stop of one service. */
  stopService(name: string, signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  startService(name: string): Promise<void>;
  stop(): Promise<void>;
}

function canBind(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** The lowest port the kernel hands out for outgoing connections and `listen(0)` (Linux default 32768). */
function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 1024 ? low : 32768;
  } catch {
    return 32768;
  }
}

/**
 * A port for a service to bind later. Taken below the ephemeral range: a port from `listen(0)` is released
 * before the service binds it, and in between the kernel may give it to an outgoing connection (a Kafka
 * client's socket) or a simulator, and the service then fails with EADDRINUSE.
 */
export async function freePort(): Promise<number> {
  const high = ephemeralLow();
  const low = Math.min(20_000, high - 1000);
  for (let i = 0; i < 50; i += 1) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (await canBind(port)) return port;
  }
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function startSandbox(opts: SandboxOptions): Promise<Sandbox> {
  const namespace = opts.namespace ?? '';
  await applyCatalogue(opts.connection.brokers, { namespace, clientId: 'sandbox' });
  mkdirSync(opts.dir, { recursive: true });
  const ports = new Map<string, number>();
  for (const s of sandboxServices) ports.set(s.name, opts.servicePorts === 'free' ? await freePort() : s.port);
  const url = (name: string): string => `http://127.0.0.1:${ports.get(name)!}`;
  const endpoints = sandboxEndpoints(url('magento-ingest'), url('m3-ion-ingest'));
  const bods = { ...endpoints.bodSubscriber, ...(opts.bodNouns ? { nouns: opts.bodNouns } : {}) };
  const m3 = createM3Simulator({ ...opts.m3, subscribers: [bods] });
  const magento = createMagentoSimulator({
    integrationAsBearer: true,
    ...opts.magento,
    subscribers: endpoints.magentoSubscribers,
  });
  alignCatalogues(m3, magento);
  const m3Url = await m3.listen(opts.m3Port ?? 0, '127.0.0.1');
  const magentoUrl = await magento.app.listen({ host: '127.0.0.1', port: opts.magentoPort ?? 0 });
  const ionapiFile = resolve(opts.dir, 'm3.ionapi');
  writeFileSync(ionapiFile, `${JSON.stringify(m3.ionapi(m3Url), null, 2)}\n`);
  const magentoPublicKeyFile = resolve(opts.dir, 'magento-webhook-public.pem');
  writeFileSync(magentoPublicKeyFile, magento.publicKeyPem);
  const wiring: SandboxWiring = {
    brokers: opts.connection.brokers.join(','),
    registryUrl: opts.connection.registryUrl,
    m3Url,
    magentoUrl,
    ionapiFile,
    magentoPublicKeyFile,
    magentoToken: magento.credentials.integration.accessToken,
    webhookHmacSecret: endpoints.webhookHmacSecret,
    bodToken: endpoints.bodToken,
    logLevel: opts.logLevel ?? 'info',
  };
  const logDir = resolve(opts.dir, 'logs');
  const children = new Map<string, Child>();
  const envOf = (s: SandboxService): NodeJS.ProcessEnv => ({
    ...process.env,
    ...s.env(wiring),
    HTTP_PORT: String(ports.get(s.name)),
    ...(namespace ? { KAFKA_NAMESPACE: namespace } : {}),
    ...opts.serviceEnv?.[s.name],
  });
  const launch = async (s: SandboxService): Promise<void> => {
    const child = startChild(s.name, s.entry, envOf(s), logDir, repoRoot);
    children.set(s.name, child);
    await waitReady(url(s.name), child, opts.readyTimeoutMs ?? 120_000);
  };
  const stopAll = async (): Promise<void> => {
    await Promise.all([...children.values()].map((c) => stopChild(c)));
    await Promise.all([m3.close(), magento.close()]);
  };
  try {
    await Promise.all(sandboxServices.map(launch));
  } catch (err) {
    await stopAll();
    throw err;
  }
  const info: SandboxInfo = {
    m3Url,
    m3IonapiFile: ionapiFile,
    m3Company: sandboxM3Company,
    magentoUrl,
    magentoToken: wiring.magentoToken,
    namespace,
    services: sandboxServices.map((s) => ({ name: s.name, url: url(s.name) })),
  };
  writeFileSync(resolve(opts.dir, 'sandbox.json'), `${JSON.stringify(info, null, 2)}\n`);
  const service = (name: string): SandboxService => {
    const s = sandboxServices.find((x) => x.name === name);
    if (!s) throw new Error(`no service ${name} in the sandbox`);
    return s;
  };
  return {
    m3,
    magento,
    m3Url,
    magentoUrl,
    info,
    secrets: { webhookHmacSecret: endpoints.webhookHmacSecret, bodToken: endpoints.bodToken },
    children,
    serviceUrl: url,
    async stopService(name, signal = 'SIGTERM') {
      const child = children.get(name);
      if (!child) return;
      if (signal === 'SIGKILL') {
        child.proc.kill('SIGKILL');
        await child.exited;
      } else await stopChild(child);
    },
    startService: (name) => launch(service(name)),
    stop: stopAll,
  };
}
