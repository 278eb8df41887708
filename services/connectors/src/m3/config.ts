// The M3 connection keys, defined once for every service that calls M3 MI REST (m3-writer writes,
// m3-ion-ingest polls): the `.ionapi` file, or a direct MI REST base URL with Basic credentials, the company,
// and the limits of the calls. A service spreads `m3ConnectionSchema().shape` into its config; `m3Connection`
// builds the HTTP client (breaker, limits, M3's answers), the ION token source and the MI client from it.
import { readFileSync } from 'node:fs';
import {
  createHttpClient,
  envInt,
  envSecret,
  envString,
  envUrl,
  outboundInFlight,
  type HttpClient,
  type Logger,
  type Metrics,
  type PipelineConfig,
} from '@m3mage/runtime';
import { z } from 'zod';
import { m3Answers } from './answers';
import { createIonTokenSource } from './ion-token';
import { parseIonApi, type IonApiCredentials } from './ionapi-file';
import { createMiClient, type MiAuth, type MiClient, type MiPolicy } from './mi-client';

/** Endpoint group of MI calls, and of the ION token endpoint. */
export const M3_GROUP = 'm3';
export const SSO_GROUP = 'ion-sso';

export interface M3ConnectionDefaults {
  /** Default of M3_MAX_IN_FLIGHT (8). */
  maxInFlight?: number;
}

/** The M3_* connection keys. */
export const m3ConnectionSchema = (defaults: M3ConnectionDefaults = {}) =>
  z.object({
    /** The ION API credentials file (FORMAT-NOTES C 24): ti, ci, cs, iu, pu, ot, saak, sask. */
    M3_IONAPI_FILE: envString({ expected: 'path of a .ionapi file', example: '/run/secrets/m3.ionapi' }),
    /** On-premises MI REST without the ION gateway, e.g. https://m3be:21108/m3api-rest (Bearer from the .ionapi, or Basic). */
    M3_BASE_URL: envUrl({ example: 'https://m3be.example.com:21108/m3api-rest' }).optional(),
    M3_USER: envString({ example: 'MIUSER' }).optional(),
    M3_PASSWORD: envSecret().optional(),
    M3_COMPANY: envString({ expected: 'CONO (N3)', example: '100' }),
    M3_MAX_IN_FLIGHT: envInt(1, 256, { example: '8' }).default(defaults.maxInFlight ?? 8),
    M3_TIMEOUT_MS: envInt(100, 300_000, { example: '10000' }).default(10_000),
    M3_BREAKER_ERROR_PERCENT: envInt(1, 100, { example: '50' }).default(50),
    M3_BREAKER_VOLUME: envInt(1, 10_000, { example: '5' }).default(5),
    M3_BREAKER_RESET_MS: envInt(100, 600_000, { example: '30000' }).default(30_000),
    /** Refresh the ION token this long before it expires. */
    M3_TOKEN_REFRESH_MARGIN_MS: envInt(0, 3_600_000, { example: '300000' }).default(300_000),
  });

export type M3ConnectionConfig = z.infer<ReturnType<typeof m3ConnectionSchema>>;

/** The `.ionapi` file the config names, parsed (errors name the file, never a secret). */
export const readIonApi = (c: Pick<M3ConnectionConfig, 'M3_IONAPI_FILE'>): IonApiCredentials =>
  parseIonApi(readFileSync(c.M3_IONAPI_FILE, 'utf8'), c.M3_IONAPI_FILE);

export interface M3ConnectionDeps {
  ionapi: IonApiCredentials;
  logger: Logger;
  metrics: Metrics;
  now?: () => number;
  /** Refuse plain-http URLs (HTTP_REQUIRE_TLS). */
  requireTls?: boolean;
  /** Which transactions may be repeated and what NOKs mean, for this service's calls. */
  policy?: MiPolicy;
}

export interface M3Connection {
  /** The runtime HTTP client (groups M3_GROUP and SSO_GROUP): breaker, limits, metrics; close it on stop. */
  http: HttpClient;
  mi: MiClient;
}

/**
 * The HTTP client, ION tokens and MI client of a validated config (the service's whole config: with
 * PIPELINE_MODE=naive, the benchmarks' baseline, one MI call is in flight at a time whatever M3_MAX_IN_FLIGHT).
 */
export function m3Connection(c: M3ConnectionConfig & Partial<PipelineConfig>, deps: M3ConnectionDeps): M3Connection {
  const now = deps.now ?? Date.now;
  const breaker = {
    errorThresholdPercentage: c.M3_BREAKER_ERROR_PERCENT,
    volumeThreshold: c.M3_BREAKER_VOLUME,
    resetTimeoutMs: c.M3_BREAKER_RESET_MS,
  };
  const http = createHttpClient({
    system: 'm3',
    answers: m3Answers,
    metrics: deps.metrics,
    logger: deps.logger,
    now,
    ...(deps.requireTls !== undefined ? { requireTls: deps.requireTls } : {}),
    groups: {
      [M3_GROUP]: {
        baseUrl: c.M3_BASE_URL ?? `${deps.ionapi.gatewayUrl}/M3/m3api-rest`,
        timeoutMs: c.M3_TIMEOUT_MS,
        maxInFlight: outboundInFlight(c.PIPELINE_MODE, c.M3_MAX_IN_FLIGHT),
        breaker,
      },
      [SSO_GROUP]: { baseUrl: deps.ionapi.ssoUrl, timeoutMs: c.M3_TIMEOUT_MS, maxInFlight: 2, breaker },
    },
  });
  const auth: MiAuth =
    c.M3_BASE_URL && c.M3_USER && c.M3_PASSWORD
      ? { kind: 'basic', user: c.M3_USER, password: c.M3_PASSWORD }
      : {
          kind: 'bearer',
          tokens: createIonTokenSource({
            http,
            group: SSO_GROUP,
            credentials: deps.ionapi,
            now,
            refreshMarginMs: c.M3_TOKEN_REFRESH_MARGIN_MS,
          }),
        };
  const mi = createMiClient({
    http,
    group: M3_GROUP,
    auth,
    company: c.M3_COMPANY,
    ...(deps.policy ? { policy: deps.policy } : {}),
  });
  return { http, mi };
}
