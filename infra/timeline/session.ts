// The broker and registry connections of one timeline process (the CLI or the HTTP server): a Kafka client
// and the Avro serde. The Kafka client's logs are off by default (its failures surface as the error the tool
// prints); with a log level they go to stderr, never to stdout.
import { createAvroSerde, createKafkaClient, createLogger } from '@m3mage/runtime';
import type { StackConnection } from '../stack/connection';
import type { TimelineDeps } from './lookup';

export function openTimelineSession(
  conn: StackConnection,
  namespace: string,
  opts: { logLevel?: string; clientId?: string; timeoutMs?: number } = {},
): TimelineDeps {
  const logger = createLogger({
    service: 'timeline',
    version: '0',
    level: opts.logLevel ?? 'silent',
    destination: process.stderr,
  });
  return {
    client: createKafkaClient({ clientId: opts.clientId ?? 'timeline', brokers: conn.brokers, logger }),
    serde: createAvroSerde({ registryUrl: conn.registryUrl }),
    namespace,
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  };
}
