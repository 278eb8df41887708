// An in-process M3 simulator with the M3 connector's stack on it: the runtime HTTP client with M3's answers,
// ION tokens and an MI client (v1 or v2, with the caller's policy). Shared with the services' tests as
// `@m3mage/connectors/testing/m3`.
import { createHttpClient, createLogger, createMetrics, type HttpClient } from '@m3mage/runtime';
import { createM3Simulator, type M3Simulator, type M3SimulatorOptions } from '@m3mage/simulators/m3';
import {
  createIonTokenSource,
  createMiClient,
  m3Answers,
  parseIonApi,
  type IonApiCredentials,
  type MiClient,
  type MiPolicy,
} from '../../src/m3';

export interface M3Rig {
  sim: M3Simulator;
  http: HttpClient;
  ionapi: IonApiCredentials;
  tokens: ReturnType<typeof createIonTokenSource>;
  mi: MiClient;
  clock: { now: number };
  close(): Promise<void>;
}

export interface M3RigOptions {
  /** Refresh tokens this long before expiry (default 60 s). */
  refreshMarginMs?: number;
  policy?: MiPolicy;
  version?: 'v1' | 'v2';
}

export async function m3Rig(opts: M3SimulatorOptions = {}, rig: M3RigOptions = {}): Promise<M3Rig> {
  const { refreshMarginMs = 60_000 } = rig;
  const clock = { now: Date.UTC(2025, 0, 15, 8, 0, 0) };
  const now = () => clock.now;
  const sim = createM3Simulator({ now, ...opts });
  const base = await sim.listen();
  const ionapi = parseIonApi(JSON.stringify(sim.ionapi(base)));
  const logger = createLogger({ service: 'test', version: '0', level: 'silent' });
  const metrics = createMetrics({ service: 'test', collectDefaults: false });
  const http = createHttpClient({
    system: 'm3',
    answers: m3Answers,
    logger,
    metrics,
    groups: {
      m3: { baseUrl: `${ionapi.gatewayUrl}/M3/m3api-rest`, breaker: { volumeThreshold: 1000 } },
      sso: { baseUrl: ionapi.ssoUrl },
    },
  });
  const tokens = createIonTokenSource({ http, group: 'sso', credentials: ionapi, now, refreshMarginMs });
  const mi = createMiClient({
    http,
    group: 'm3',
    auth: { kind: 'bearer', tokens },
    company: '100',
    ...(rig.policy ? { policy: rig.policy } : {}),
    ...(rig.version ? { version: rig.version } : {}),
  });
  return {
    sim,
    http,
    ionapi,
    tokens,
    mi,
    clock,
    async close() {
      await http.close();
      await sim.close();
    },
  };
}

/** Grant types the simulator's token endpoint received, in order. */
export const grantsSeen = (sim: M3Simulator): string[] =>
  sim.recorder
    .list()
    .filter((c) => c.path.endsWith('/as/token.oauth2'))
    .map((c) => String((c.body as Record<string, unknown> | undefined)?.['grant_type']));
