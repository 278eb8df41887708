// Reusable config fragments. Plain objects without refinements so services can compose them with
// `.extend(...)` or `{ ...a.shape, ...b.shape }`; cross-key rules live in rules.ts and run in loadConfig.
import { z } from 'zod';
import { envBool, envCsv, envEnum, envInt, envSecret, envString, envUrl } from './env-types';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
/** `optimised`: the services as built; `naive`: the same code as the benchmarks' baseline (service/pipeline-mode.ts). */
export const PIPELINE_MODES = ['optimised', 'naive'] as const;

export const kafkaConfigSchema = z.object({
  KAFKA_BROKERS: envCsv({ expected: 'host:port list', example: 'localhost:9092' }),
  KAFKA_CLIENT_ID: envString({ example: 'm3-writer' }).default('m3mage'),
  KAFKA_SSL: envBool().default(false),
  KAFKA_SASL_MECHANISM: envEnum(SASL_MECHANISMS).optional(),
  KAFKA_SASL_USERNAME: envString().optional(),
  KAFKA_SASL_PASSWORD: envSecret().optional(),
});

export const registryConfigSchema = z.object({
  SCHEMA_REGISTRY_URL: envUrl({ example: 'http://localhost:8080/apis/ccompat/v7' }),
  SCHEMA_REGISTRY_USERNAME: envString().optional(),
  SCHEMA_REGISTRY_PASSWORD: envSecret().optional(),
});

/**
 * Limits of the service's own HTTP server (health, metrics, inbound endpoints), so a slow or stalled client
 * cannot hold a connection: the request line and headers must arrive within HTTP_HEADERS_TIMEOUT_MS, the
 * whole request (body included) within HTTP_REQUEST_TIMEOUT_MS (else 408 and the connection is closed), and
 * a socket idle for HTTP_CONNECTION_TIMEOUT_MS is closed. Applied by the service context (http-limits.ts).
 */
export const HTTP_SERVER_DEFAULTS = Object.freeze({ headersMs: 5_000, requestMs: 10_000, idleMs: 60_000 });

export const httpServerConfigSchema = z.object({
  HTTP_HEADERS_TIMEOUT_MS: envInt(100, 600_000, { example: '5000' }).default(HTTP_SERVER_DEFAULTS.headersMs),
  HTTP_REQUEST_TIMEOUT_MS: envInt(100, 600_000, { example: '10000' }).default(HTTP_SERVER_DEFAULTS.requestMs),
  HTTP_CONNECTION_TIMEOUT_MS: envInt(100, 3_600_000, { example: '60000' }).default(HTTP_SERVER_DEFAULTS.idleMs),
});

/**
 * PIPELINE_MODE, read by the service context: `naive` runs every service without its throughput mechanisms
 * (no conflation, one message at a time per partition, no producer linger, no micro-batches, one M3 call at a
 * time), the baseline every benchmark measures against in the same run. Never for production.
 */
export const pipelineConfigSchema = z.object({
  PIPELINE_MODE: envEnum(PIPELINE_MODES, { example: 'optimised' }).default('optimised'),
});

export const serviceBaseConfigSchema = z.object({
  SERVICE_NAME: envString({ example: 'magento-ingest' }),
  SERVICE_VERSION: envString({ example: '0.1.0' }).default('0.0.0'),
  LOG_LEVEL: envEnum(LOG_LEVELS).default('info'),
  HTTP_PORT: envInt(0, 65535, { example: '8080' }).default(8080),
  HTTP_HOST: envString({ example: '0.0.0.0' }).default('127.0.0.1'),
  SHUTDOWN_DEADLINE_MS: envInt(100, 600_000, { example: '30000' }).default(30_000),
  /** Outbound HTTP must use https (production). */
  HTTP_REQUIRE_TLS: envBool().default(false),
  ...httpServerConfigSchema.shape,
});

export type KafkaConfig = z.infer<typeof kafkaConfigSchema>;
export type RegistryConfig = z.infer<typeof registryConfigSchema>;
export type ServiceBaseConfig = z.infer<typeof serviceBaseConfigSchema>;
export type HttpServerConfig = z.infer<typeof httpServerConfigSchema>;
export type PipelineConfig = z.infer<typeof pipelineConfigSchema>;
export type PipelineMode = PipelineConfig['PIPELINE_MODE'];
