// m3Connection under PIPELINE_MODE: naive (the benchmarks' baseline) keeps one MI call in flight whatever
// M3_MAX_IN_FLIGHT says; optimised uses M3_MAX_IN_FLIGHT. Against a real HTTP server counting what it holds.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, createMetrics, type PipelineMode } from '@m3mage/runtime';
import { m3Connection, type IonApiCredentials } from '../src/m3';

let server: Server;
let base = '';
let inFlight = 0;
let most = 0;

beforeAll(async () => {
  server = createServer((_req, res) => {
    most = Math.max(most, (inFlight += 1));
    setTimeout(() => {
      inFlight -= 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ MIRecord: [{ NameValue: [{ Name: 'ITNO', Value: 'A1  ' }] }] }));
    }, 20);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m3api-rest`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const ionapi: IonApiCredentials = {
  tenant: 'T',
  clientId: 'c',
  clientSecret: 's',
  username: 'u',
  password: 'p',
  gatewayUrl: 'http://127.0.0.1:1/T',
  ssoUrl: 'http://127.0.0.1:1/as/',
  tokenPath: 'token.oauth2',
};

async function mostInFlight(mode: PipelineMode): Promise<number> {
  most = 0;
  const { http, mi } = m3Connection(
    {
      M3_IONAPI_FILE: 'unused.ionapi',
      M3_BASE_URL: base,
      M3_USER: 'MIUSER',
      M3_PASSWORD: 'secret',
      M3_COMPANY: '100',
      M3_MAX_IN_FLIGHT: 8,
      M3_TIMEOUT_MS: 5_000,
      M3_BREAKER_ERROR_PERCENT: 50,
      M3_BREAKER_VOLUME: 1000,
      M3_BREAKER_RESET_MS: 30_000,
      M3_TOKEN_REFRESH_MARGIN_MS: 0,
      PIPELINE_MODE: mode,
    },
    {
      ionapi,
      logger: createLogger({ service: 'test', version: '0', level: 'silent' }),
      metrics: createMetrics({ service: 'test', collectDefaults: false }),
    },
  );
  try {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => mi.execute('MMS200MI', 'GetItmBasic', { ITNO: `A${i}` })),
    );
    expect(answers.every((records) => records[0]?.['ITNO'] === 'A1')).toBe(true);
  } finally {
    await http.close();
  }
  return most;
}

describe('m3Connection and PIPELINE_MODE', () => {
  it('naive: one MI call at a time although M3_MAX_IN_FLIGHT is 8', async () => {
    expect(await mostInFlight('naive')).toBe(1);
  });

  it('optimised: the calls run together up to M3_MAX_IN_FLIGHT', async () => {
    expect(await mostInFlight('optimised')).toBe(6);
  });
});
