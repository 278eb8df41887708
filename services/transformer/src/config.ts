// transformer configuration: the only file reading the environment (through loadConfig).
import { baseServiceConfigSchema, envInt } from '@m3mage/runtime';
import { z } from 'zod';

export const configSchema = z.object({
  ...baseServiceConfigSchema.shape,
  HTTP_PORT: envInt(0, 65535, { example: '8103' }).default(8103),
  /** Messages handled at once per consumer (different keys; one key is always in order). */
  TRANSFORMER_MAX_IN_FLIGHT: envInt(1, 1024, { example: '64' }).default(64),
});

export type Config = z.infer<typeof configSchema>;
