// The one place that builds a KafkaJS client. Services get a KafkaClient and never import kafkajs.
import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { Logger } from 'pino';

export interface KafkaClientOptions {
  clientId: string;
  brokers: string[];
  logger: Logger;
  /** TLS on/off, or Node TLS options. */
  ssl?: KafkaConfig['ssl'];
  /** SCRAM-SHA-256/512 or PLAIN. */
  sasl?: SASLOptions;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** Opaque handle shared by producers, consumers and admin helpers of one service. */
export interface KafkaClient {
  readonly clientId: string;
  /** @internal the KafkaJS client; only runtime code touches it. */
  readonly kafka: Kafka;
}

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export function createKafkaClient(opts: KafkaClientOptions): KafkaClient {
  const log = opts.logger.child({ component: 'kafkajs' });
  const kafka = new Kafka({
    clientId: opts.clientId,
    brokers: opts.brokers,
    ...(opts.ssl !== undefined ? { ssl: opts.ssl } : {}),
    ...(opts.sasl !== undefined ? { sasl: opts.sasl } : {}),
    connectionTimeout: opts.connectionTimeoutMs ?? 3000,
    requestTimeout: opts.requestTimeoutMs ?? 30000,
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }) => {
        const { message, ...rest } = entry;
        log[LEVELS[level] ?? 'info'](rest, message);
      },
  });
  return { clientId: opts.clientId, kafka };
}
