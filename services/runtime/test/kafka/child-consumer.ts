// A consumer process for the SIGTERM / kill -9 tests: handles every record of TOPIC with a small delay and
// appends "<offset>\n" to OUT_FILE synchronously once handled, so a kill -9 loses nothing already recorded.
// Prints "joining" on stdout once connected to the broker and "ready" once both groups are joined.
// Run: node --import tsx child-consumer.ts  (env: TOPIC, GROUP, OUT_FILE; SESSION_TIMEOUT_MS, when set,
// overrides the runtime's default session timeout and sets a 1 s heartbeat)
import { appendFileSync } from 'node:fs';
import { pino } from 'pino';
import { testStack } from '../../../../test/support/env';
import { createKafkaClient } from '../../src/kafka/client';
import type { InboundMessage } from '../../src/kafka/handler';
import { createProducer } from '../../src/kafka/producer';
import { createLifecycle } from '../../src/lifecycle/lifecycle';
import { createGroupConsumer } from '../../src/retry-dlq/group-consumer';
import { createAvroSerde } from '../../src/serde/avro-serde';

const { TOPIC = '', GROUP = '', OUT_FILE = '', SESSION_TIMEOUT_MS } = process.env;
const logger = pino({ level: 'warn' });
const { brokers, registryUrl } = testStack();
const client = createKafkaClient({ clientId: 'child', brokers, logger });
const serde = createAvroSerde({ registryUrl });
const producer = createProducer({ client, serde, logger });
const lifecycle = createLifecycle({ logger, deadlineMs: 20_000 });

const handler = async (m: InboundMessage) => {
  await new Promise((r) => setTimeout(r, 20 + Math.random() * 60));
  appendFileSync(OUT_FILE, `${m.offset}\n`);
  return { outcome: 'ack' as const };
};

const consumer = createGroupConsumer({
  client,
  service: 'child',
  groupId: GROUP,
  topics: [TOPIC],
  handler,
  serde,
  producer,
  logger,
  maxInFlight: 16,
  commitIntervalMs: 200,
  ...(SESSION_TIMEOUT_MS ? { sessionTimeoutMs: Number(SESSION_TIMEOUT_MS), heartbeatIntervalMs: 1000 } : {}),
  tierDelaysMs: [100],
});

await producer.connect();
lifecycle.register('producer', () => producer.close());
process.stdout.write('joining\n');
await consumer.start();
lifecycle.register('consumer', () => consumer.stop());
lifecycle.installSignalHandlers();
process.stdout.write('ready\n');
