// The Magento connection keys, defined once for every service that calls Magento REST: where the store is,
// how it is authenticated, and the limits of the calls. A service spreads `magentoConnectionSchema().shape`
// into its config and runs `checkMagentoConnection` in its superRefine, so a missing credential stops the
// boot with every missing key named; `magentoConnection` then builds the HTTP client (breaker, limits,
// Magento's answers) and the signed transport from the validated config.
import {
  createHttpClient,
  envEnum,
  envInt,
  envSecret,
  envString,
  envUrl,
  type HttpClient,
  type Logger,
  type Metrics,
} from '@m3mage/runtime';
import { z } from 'zod';
import { magentoAnswers } from './answers';
import { createAuthorizer, type MagentoAuthSettings } from './auth';
import { adminTokenFetcher, createMagentoTransport, MAGENTO_GROUP, type MagentoTransport } from './transport';

export interface MagentoConnectionDefaults {
  /** Default of MAGENTO_TIMEOUT_MS (10 s). */
  timeoutMs?: number;
}

/** The MAGENTO_* connection keys, with the service's default call timeout. */
export const magentoConnectionSchema = (defaults: MagentoConnectionDefaults = {}) =>
  z.object({
    /** Store origin (and path prefix) without /rest. */
    MAGENTO_BASE_URL: envUrl({ example: 'https://shop.example.com (without /rest)' }),
    MAGENTO_STORE_CODE: envString({ example: 'default' }).default('default'),
    /** bearer: MAGENTO_TOKEN, or an admin token fetched with MAGENTO_ADMIN_USER/PASSWORD; oauth1: OAuth 1.0a. */
    MAGENTO_AUTH_MODE: envEnum(['bearer', 'oauth1'] as const).default('bearer'),
    MAGENTO_TOKEN: envSecret({ example: 'admin or integration token' }).optional(),
    MAGENTO_ADMIN_USER: envString({ example: 'integration-admin' }).optional(),
    MAGENTO_ADMIN_PASSWORD: envSecret().optional(),
    /** Admin tokens live 4 h (Magento default); refreshed MAGENTO_TOKEN_REFRESH_MARGIN_MS before. */
    MAGENTO_ADMIN_TOKEN_TTL_MS: envInt(60_000, 86_400_000, { example: '14400000' }).default(14_400_000),
    MAGENTO_TOKEN_REFRESH_MARGIN_MS: envInt(0, 3_600_000, { example: '300000' }).default(300_000),
    MAGENTO_OAUTH_CONSUMER_KEY: envSecret().optional(),
    MAGENTO_OAUTH_CONSUMER_SECRET: envSecret().optional(),
    MAGENTO_OAUTH_ACCESS_TOKEN: envSecret().optional(),
    MAGENTO_OAUTH_TOKEN_SECRET: envSecret().optional(),
    MAGENTO_TIMEOUT_MS: envInt(100, 300_000, { example: '10000' }).default(defaults.timeoutMs ?? 10_000),
    /** HTTP calls to Magento in flight at once. */
    MAGENTO_MAX_IN_FLIGHT: envInt(1, 256, { example: '8' }).default(8),
    MAGENTO_BREAKER_ERROR_PERCENT: envInt(1, 100, { example: '50' }).default(50),
    MAGENTO_BREAKER_VOLUME: envInt(1, 10_000, { example: '5' }).default(5),
    MAGENTO_BREAKER_RESET_MS: envInt(100, 600_000, { example: '30000' }).default(30_000),
  });

export type MagentoConnectionConfig = z.infer<ReturnType<typeof magentoConnectionSchema>>;

const OAUTH_KEYS = [
  'MAGENTO_OAUTH_CONSUMER_KEY',
  'MAGENTO_OAUTH_CONSUMER_SECRET',
  'MAGENTO_OAUTH_ACCESS_TOKEN',
  'MAGENTO_OAUTH_TOKEN_SECRET',
] as const;

/** Every key the chosen auth mode still needs, as config issues (run in the service's superRefine). */
export function checkMagentoConnection(c: MagentoConnectionConfig, ctx: z.RefinementCtx): void {
  const missing = (key: string, why: string) =>
    ctx.addIssue({ code: 'custom', path: [key], message: `missing (${why})` });
  if (c.MAGENTO_AUTH_MODE === 'oauth1') {
    for (const k of OAUTH_KEYS) if (!c[k]) missing(k, 'MAGENTO_AUTH_MODE=oauth1');
    return;
  }
  if (c.MAGENTO_TOKEN) return;
  if (c.MAGENTO_ADMIN_USER && !c.MAGENTO_ADMIN_PASSWORD) missing('MAGENTO_ADMIN_PASSWORD', 'MAGENTO_ADMIN_USER is set');
  else if (!c.MAGENTO_ADMIN_USER)
    missing(
      'MAGENTO_TOKEN',
      'MAGENTO_AUTH_MODE=bearer needs MAGENTO_TOKEN, or MAGENTO_ADMIN_USER and MAGENTO_ADMIN_PASSWORD',
    );
}

/** The authorizer settings of a validated config. */
export function magentoAuthSettings(c: MagentoConnectionConfig): MagentoAuthSettings {
  if (c.MAGENTO_AUTH_MODE === 'oauth1') {
    return {
      mode: 'oauth1',
      consumerKey: c.MAGENTO_OAUTH_CONSUMER_KEY ?? '',
      consumerSecret: c.MAGENTO_OAUTH_CONSUMER_SECRET ?? '',
      accessToken: c.MAGENTO_OAUTH_ACCESS_TOKEN ?? '',
      tokenSecret: c.MAGENTO_OAUTH_TOKEN_SECRET ?? '',
    };
  }
  if (c.MAGENTO_TOKEN) return { mode: 'token', token: c.MAGENTO_TOKEN };
  return {
    mode: 'admin',
    username: c.MAGENTO_ADMIN_USER ?? '',
    password: c.MAGENTO_ADMIN_PASSWORD ?? '',
    ttlMs: c.MAGENTO_ADMIN_TOKEN_TTL_MS,
    marginMs: c.MAGENTO_TOKEN_REFRESH_MARGIN_MS,
  };
}

export interface MagentoConnectionDeps {
  logger: Logger;
  metrics: Metrics;
  now?: () => number;
  /** Refuse a plain-http MAGENTO_BASE_URL (HTTP_REQUIRE_TLS). */
  requireTls?: boolean;
}

export interface MagentoConnection {
  /** The runtime HTTP client (group MAGENTO_GROUP): breaker, limits, metrics; close it on stop. */
  http: HttpClient;
  transport: MagentoTransport;
}

/** The HTTP client and signed transport of a validated config. */
export function magentoConnection(c: MagentoConnectionConfig, deps: MagentoConnectionDeps): MagentoConnection {
  const http = createHttpClient({
    system: 'magento',
    answers: magentoAnswers,
    logger: deps.logger,
    metrics: deps.metrics,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.requireTls !== undefined ? { requireTls: deps.requireTls } : {}),
    groups: {
      [MAGENTO_GROUP]: {
        baseUrl: c.MAGENTO_BASE_URL,
        timeoutMs: c.MAGENTO_TIMEOUT_MS,
        maxInFlight: c.MAGENTO_MAX_IN_FLIGHT,
        breaker: {
          errorThresholdPercentage: c.MAGENTO_BREAKER_ERROR_PERCENT,
          volumeThreshold: c.MAGENTO_BREAKER_VOLUME,
          resetTimeoutMs: c.MAGENTO_BREAKER_RESET_MS,
        },
      },
    },
  });
  const auth = createAuthorizer(magentoAuthSettings(c), {
    ...(deps.now ? { now: deps.now } : {}),
    fetchAdminToken: adminTokenFetcher(http),
  });
  const transport = createMagentoTransport({
    http,
    baseUrl: c.MAGENTO_BASE_URL,
    storeCode: c.MAGENTO_STORE_CODE,
    auth,
  });
  return { http, transport };
}
