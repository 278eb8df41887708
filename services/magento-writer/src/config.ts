// magento-writer configuration: the only file reading the environment (through loadConfig).
import { AppError, baseServiceConfigSchema, envEnum, envInt, envSecret, envString, envUrl } from '@m3mage/runtime';
import type { MagentoAuthSettings } from '@m3mage/connectors/magento';
import { z } from 'zod';

export const configSchema = z.object({
  ...baseServiceConfigSchema.shape,
  HTTP_PORT: envInt(0, 65535, { example: '8105' }).default(8105),
  /** Store origin (and path prefix) without /rest, e.g. https://shop.example.com */
  MAGENTO_BASE_URL: envUrl({ example: 'https://shop.example.com' }),
  MAGENTO_STORE_CODE: envString({ example: 'default' }).default('default'),
  /** bearer: MAGENTO_TOKEN (integration/admin token) or an admin token fetched with MAGENTO_ADMIN_USER/PASSWORD; oauth1: OAuth 1.0a HMAC-SHA256. */
  MAGENTO_AUTH_MODE: envEnum(['bearer', 'oauth1'] as const).default('bearer'),
  MAGENTO_TOKEN: envSecret().optional(),
  MAGENTO_ADMIN_USER: envString({ example: 'integration-admin' }).optional(),
  MAGENTO_ADMIN_PASSWORD: envSecret().optional(),
  /** Admin tokens live 4 h (Magento default); refreshed this long before. */
  MAGENTO_ADMIN_TOKEN_TTL_MS: envInt(60_000, 86_400_000, { example: '14400000' }).default(14_400_000),
  MAGENTO_TOKEN_REFRESH_MARGIN_MS: envInt(0, 3_600_000, { example: '300000' }).default(300_000),
  MAGENTO_OAUTH_CONSUMER_KEY: envString().optional(),
  MAGENTO_OAUTH_CONSUMER_SECRET: envSecret().optional(),
  MAGENTO_OAUTH_ACCESS_TOKEN: envSecret().optional(),
  MAGENTO_OAUTH_TOKEN_SECRET: envSecret().optional(),
  MAGENTO_TIMEOUT_MS: envInt(100, 300_000, { example: '15000' }).default(15_000),
  /** HTTP calls to Magento in flight at once. */
  MAGENTO_MAX_IN_FLIGHT: envInt(1, 256, { example: '8' }).default(8),
  MAGENTO_BREAKER_ERROR_PERCENT: envInt(1, 100, { example: '50' }).default(50),
  MAGENTO_BREAKER_VOLUME: envInt(1, 10_000, { example: '5' }).default(5),
  MAGENTO_BREAKER_RESET_MS: envInt(100, 600_000, { example: '30000' }).default(30_000),
  /** Commands handled at once (distinct orders; one order is always one at a time). */
  MAGENTO_WRITER_MAX_IN_FLIGHT: envInt(1, 1024, { example: '32' }).default(32),
});

export type Config = z.infer<typeof configSchema>;

export type AuthSettings = MagentoAuthSettings;

/** The auth settings the mode needs, or a boot error naming the missing keys. */
export function authSettings(c: Config): AuthSettings {
  const missing = (keys: string[]) =>
    new AppError('CONFIG_INVALID', `MAGENTO_AUTH_MODE=${c.MAGENTO_AUTH_MODE} needs ${keys.join(', ')}`);
  if (c.MAGENTO_AUTH_MODE === 'oauth1') {
    const { MAGENTO_OAUTH_CONSUMER_KEY: ck, MAGENTO_OAUTH_CONSUMER_SECRET: cs } = c;
    const { MAGENTO_OAUTH_ACCESS_TOKEN: at, MAGENTO_OAUTH_TOKEN_SECRET: ts } = c;
    if (!ck || !cs || !at || !ts) {
      throw missing([
        'MAGENTO_OAUTH_CONSUMER_KEY',
        'MAGENTO_OAUTH_CONSUMER_SECRET',
        'MAGENTO_OAUTH_ACCESS_TOKEN',
        'MAGENTO_OAUTH_TOKEN_SECRET',
      ]);
    }
    return { mode: 'oauth1', consumerKey: ck, consumerSecret: cs, accessToken: at, tokenSecret: ts };
  }
  if (c.MAGENTO_TOKEN) return { mode: 'token', token: c.MAGENTO_TOKEN };
  if (c.MAGENTO_ADMIN_USER && c.MAGENTO_ADMIN_PASSWORD) {
    return {
      mode: 'admin',
      username: c.MAGENTO_ADMIN_USER,
      password: c.MAGENTO_ADMIN_PASSWORD,
      ttlMs: c.MAGENTO_ADMIN_TOKEN_TTL_MS,
      marginMs: c.MAGENTO_TOKEN_REFRESH_MARGIN_MS,
    };
  }
  throw missing(['MAGENTO_TOKEN, or MAGENTO_ADMIN_USER and MAGENTO_ADMIN_PASSWORD']);
}
