// An in-process M3 simulator with the writer's M3 stack (runtime HTTP client, ION tokens, MI client) on it.
import { createHttpClient, createLogger, createMetrics, type HttpClient } from '@m3mage/runtime';
import { createM3Simulator, type M3Simulator, type M3SimulatorOptions } from '@m3mage/simulators/m3';
import { createIonTokenSource } from '../../src/clients/ion-token.client';
import { parseIonApi, type IonApiCredentials } from '../../src/clients/ionapi-file';
import { createMiClient, type MiClient } from '../../src/clients/mi.client';

export interface M3Rig {
  sim: M3Simulator;
  http: HttpClient;
  ionapi: IonApiCredentials;
  tokens: ReturnType<typeof createIonTokenSource>;
  mi: MiClient;
  clock: { now: number };
  close(): Promise<void>;
}

export async function m3Rig(opts: M3SimulatorOptions = {}, refreshMarginMs = 60_000): Promise<M3Rig> {
  const clock = { now: Date.UTC(2025, 0, 15, 8, 0, 0) };
  const now = () => clock.now;
  const sim = createM3Simulator({ now, ...opts });
  const base = await sim.listen();
  const ionapi = parseIonApi(JSON.stringify(sim.ionapi(base)));
  const logger = createLogger({ service: 'test', version: '0', level: 'silent' });
  const metrics = createMetrics({ service: 'test', collectDefaults: false });
  const http = createHttpClient({
    system: 'm3',
    logger,
    metrics,
    groups: {
      m3: { baseUrl: `${ionapi.gatewayUrl}/M3/m3api-rest`, breaker: { volumeThreshold: 1000 } },
      sso: { baseUrl: ionapi.ssoUrl },
    },
  });
  const tokens = createIonTokenSource({ http, group: 'sso', credentials: ionapi, now, refreshMarginMs });
  const mi = createMiClient({ http, group: 'm3', auth: { kind: 'bearer', tokens }, company: '100' });
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
