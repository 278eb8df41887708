import { loadConfig } from '@m3mage/runtime';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/config';

const base = {
  KAFKA_BROKERS: 'localhost:9092',
  SCHEMA_REGISTRY_URL: 'http://localhost:8081/apis/ccompat/v7',
  MAGENTO_BASE_URL: 'https://shop.example.com',
  MAGENTO_TOKEN: 'tok',
};
const load = (env: Record<string, string>) => loadConfig(configSchema, { env, service: 'magento-ingest' });

describe('magento-ingest config', () => {
  it('has defaults for everything but the store URL and its credentials', () => {
    const c = load(base);
    expect(c).toMatchObject({
      HTTP_PORT: 8101,
      MAGENTO_STORE_CODE: 'default',
      MAGENTO_AUTH_MODE: 'bearer',
      BODY_LIMIT_BYTES: 1048576,
      POLL_ENABLED: true,
      POLL_INTERVAL_MS: 30000,
      POLL_PAGE_SIZE: 100,
    });
  });

  it('names every missing key of the chosen auth mode, and half a Basic pair', () => {
    let message = '';
    try {
      load({
        ...base,
        MAGENTO_TOKEN: '',
        MAGENTO_AUTH_MODE: 'oauth1',
        MAGENTO_OAUTH_CONSUMER_KEY: 'k',
        WEBHOOK_BASIC_USER: 'u',
      });
    } catch (e) {
      message = (e as Error).message;
    }
    for (const key of [
      'MAGENTO_OAUTH_CONSUMER_SECRET',
      'MAGENTO_OAUTH_ACCESS_TOKEN',
      'MAGENTO_OAUTH_TOKEN_SECRET',
      'WEBHOOK_BASIC_PASSWORD',
    ])
      expect(message).toContain(key);
    expect(message).not.toContain('MAGENTO_OAUTH_CONSUMER_KEY ');
  });

  it('refuses a configuration that would ingest nothing, and a bad POLL_START_AT', () => {
    expect(() => load({ ...base, POLL_ENABLED: 'false' })).toThrow(/nothing would be ingested/);
    expect(() => load({ ...base, POLL_START_AT: '2025-01-01T00:00:00Z' })).toThrow(/POLL_START_AT/);
  });

  it('polls customers only when CUSTOMER_POLL_ENABLED is true, which alone is something to ingest', () => {
    expect(load(base).CUSTOMER_POLL_ENABLED).toBe(false);
    expect(load({ ...base, POLL_ENABLED: 'false', CUSTOMER_POLL_ENABLED: 'true' })).toMatchObject({
      POLL_ENABLED: false,
      CUSTOMER_POLL_ENABLED: true,
    });
    expect(() => load({ ...base, CUSTOMER_POLL_ENABLED: 'sometimes' })).toThrow(/CUSTOMER_POLL_ENABLED/);
  });

  it('reads secrets and PEM keys from <KEY>_FILE', () => {
    const files: Record<string, string> = {
      '/run/secrets/token': 'from-file\n',
      '/run/keys/pub.pem': '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----\n',
    };
    const c = loadConfig(configSchema, {
      env: {
        ...base,
        MAGENTO_TOKEN: '',
        MAGENTO_TOKEN_FILE: '/run/secrets/token',
        WEBHOOK_PUBLIC_KEY_FILE: '/run/keys/pub.pem',
      },
      readFile: (p) => files[p] ?? '',
    });
    expect(c.MAGENTO_TOKEN).toBe('from-file');
    expect(c.WEBHOOK_PUBLIC_KEY).toContain('BEGIN PUBLIC KEY');
  });
});
