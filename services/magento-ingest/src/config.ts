// magento-ingest configuration: the only file that reads the environment (through loadConfig).
import { baseServiceConfigSchema, envBool, envInt, envSecret, envString, loadConfig } from '@m3mage/runtime';
import { checkMagentoConnection, magentoConnectionSchema } from '@m3mage/connectors/magento';
import { z } from 'zod';

const MAGENTO_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export const configSchema = z
  .object({
    ...baseServiceConfigSchema.shape,
    HTTP_PORT: envInt(0, 65535, { example: '8101' }).default(8101),
    // Magento REST (enrichment and poller): the Magento connector's keys
    ...magentoConnectionSchema().shape,
    // Inbound authentication
    WEBHOOK_PUBLIC_KEY: envString({ expected: 'PEM public key (or <KEY>_FILE)' }).optional(),
    WEBHOOK_HMAC_SECRET: envSecret().optional(),
    WEBHOOK_BASIC_USER: envString().optional(),
    WEBHOOK_BASIC_PASSWORD: envSecret().optional(),
    // The same user and password are accepted as HTTP Digest (RFC 7616) in this realm; the nonce typed into a
    // Mageplaza hook's Digest form, which never reads a challenge (docs/adr/0012-answers-per-sender.md).
    WEBHOOK_DIGEST_REALM: envString({ example: 'magento-ingest' }).default('magento-ingest'),
    WEBHOOK_DIGEST_NONCE: envSecret({ example: 'a long random string, also typed into the hook' }).optional(),
    IO_EVENTS_TOKEN: envSecret().optional(),
    IO_EVENTS_PUBLIC_KEY: envString({ expected: 'one or more PEM public keys (or <KEY>_FILE)' }).optional(),
    BODY_LIMIT_BYTES: envInt(1024, 64 * 1024 * 1024, { example: '1048576' }).default(1024 * 1024),
    // Pollers (orders; customers when CUSTOMER_POLL_ENABLED): interval, page size, overlap and start are shared
    POLL_ENABLED: envBool().default(true),
    CUSTOMER_POLL_ENABLED: envBool().default(false),
    POLL_INTERVAL_MS: envInt(100, 86_400_000, { example: '30000' }).default(30_000),
    POLL_PAGE_SIZE: envInt(1, 1000, { example: '100' }).default(100),
    POLL_OVERLAP_MS: envInt(0, 86_400_000, { example: '60000' }).default(60_000),
    POLL_START_AT: envString({ expected: 'YYYY-MM-DD HH:MM:SS (UTC)', example: '2025-01-01 00:00:00' })
      .regex(MAGENTO_TIMESTAMP)
      .optional(),
  })
  .superRefine((c, ctx) => {
    const missing = (key: string, why: string) =>
      ctx.addIssue({ code: 'custom', path: [key], message: `missing (${why})` });
    checkMagentoConnection(c, ctx);
    if (Boolean(c.WEBHOOK_BASIC_USER) !== Boolean(c.WEBHOOK_BASIC_PASSWORD))
      missing(c.WEBHOOK_BASIC_USER ? 'WEBHOOK_BASIC_PASSWORD' : 'WEBHOOK_BASIC_USER', 'Basic auth needs both');
    const anyEndpoint =
      c.WEBHOOK_PUBLIC_KEY ||
      c.WEBHOOK_HMAC_SECRET ||
      c.WEBHOOK_BASIC_USER ||
      c.IO_EVENTS_TOKEN ||
      c.IO_EVENTS_PUBLIC_KEY;
    if (!anyEndpoint && !c.POLL_ENABLED && !c.CUSTOMER_POLL_ENABLED)
      missing('WEBHOOK_PUBLIC_KEY', 'no endpoint has credentials and the pollers are off: nothing would be ingested');
  });

export type Config = z.infer<typeof configSchema>;

export const loadServiceConfig = (): Config => loadConfig(configSchema, { service: 'magento-ingest' });
