export {
  envBool,
  envCsv,
  envEnum,
  envInt,
  envMetaOf,
  envRetired,
  envSecret,
  envString,
  envUrl,
  withMeta,
  type EnvMeta,
} from './env-types';
export {
  LOG_LEVELS,
  SASL_MECHANISMS,
  HTTP_SERVER_DEFAULTS,
  PIPELINE_MODES,
  httpServerConfigSchema,
  kafkaConfigSchema,
  pipelineConfigSchema,
  registryConfigSchema,
  serviceBaseConfigSchema,
  type HttpServerConfig,
  type KafkaConfig,
  type PipelineConfig,
  type PipelineMode,
  type RegistryConfig,
  type ServiceBaseConfig,
} from './fragments';
export { loadConfig, type LoadConfigOptions } from './load-config';
export { formatConfigTable } from './report';
export { configRules, type ConfigProblem, type ConfigRule } from './rules';
