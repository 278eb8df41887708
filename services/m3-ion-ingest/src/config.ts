// m3-ion-ingest configuration: the only file reading the environment (through loadConfig).
import { baseServiceConfigSchema, envInt, envSecret, envString } from '@m3mage/runtime';
import { z } from 'zod';

export const configSchema = z.object({
  ...baseServiceConfigSchema.shape,
  HTTP_PORT: envInt(0, 65535, { example: '8102' }).default(8102),
  /** ION (or the simulator) sends `Authorization: Bearer <token>`; at least this or Basic must be set. */
  ION_INGEST_BEARER_TOKEN: envSecret({ example: 'a long random string' }).optional(),
  ION_INGEST_BASIC_USER: envString({ example: 'ion' }).optional(),
  ION_INGEST_BASIC_PASSWORD: envSecret().optional(),
  /** Largest accepted request body (413 above). */
  ION_INGEST_BODY_LIMIT_BYTES: envInt(1024, 100 * 1024 * 1024, { example: '5242880' }).default(5 * 1024 * 1024),
  /** URL path of the BOD endpoint. */
  ION_INGEST_PATH: envString({ example: '/ion/bod' }).default('/ion/bod'),
});

export type Config = z.infer<typeof configSchema>;
