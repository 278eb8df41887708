// The keys every service reads: Kafka, the registry, the service base (port, log level, shutdown) and the
// pipeline mode.
import { z } from 'zod';
import { envCsv, envInt, envString } from '../config/env-types';
import {
  kafkaConfigSchema,
  pipelineConfigSchema,
  registryConfigSchema,
  serviceBaseConfigSchema,
} from '../config/fragments';

export const baseServiceConfigSchema = z.object({
  ...kafkaConfigSchema.shape,
  ...registryConfigSchema.shape,
  ...serviceBaseConfigSchema.shape,
  // `naive` (benchmark baseline) or `optimised` (default): what the context does with it is pipeline-mode.ts.
  ...pipelineConfigSchema.shape,
  // The composition root knows its name; the variable only overrides it (e.g. two instances in one compose file).
  SERVICE_NAME: envString({ example: 'magento-ingest' }).optional(),
  // Prefixed to every topic, subject and consumer group of the service (several environments or test runs
  // on one cluster). Services keep using catalogue names; the context translates.
  KAFKA_NAMESPACE: envString({ example: 'qa.' }).optional(),
  // Delays of the retry tiers of every consumer group of the service, overriding the catalogue (tests, tuning).
  RETRY_DELAYS_MS: envCsv({ expected: 'comma-separated milliseconds', example: '1000,10000,60000' })
    .transform((list) => list.map(Number))
    .refine((list) => list.every((n) => Number.isInteger(n) && n >= 0), 'every delay must be a whole number of ms')
    .optional(),
  // How long a record failing because its endpoint is unwell (5xx, timeout, connection, open breaker) keeps
  // running in the last retry tier before it is dead-lettered: a degraded M3 or Magento is waited out.
  RETRY_OUTAGE_WAIT_MS: envInt(0, 7 * 24 * 3_600_000, { example: '900000' }).default(900_000),
  // Session timeout of every consumer group of the service (default 6 s, the runtime's): a member killed
  // without leaving holds its partitions this long, so a restarted process waits that long to work again.
  // The broker accepts group.min.session.timeout.ms..group.max.session.timeout.ms (6 s..30 min by default).
  KAFKA_SESSION_TIMEOUT_MS: envInt(6000, 1_800_000, { example: '6000' }).optional(),
});

export type BaseServiceConfig = z.infer<typeof baseServiceConfigSchema>;
