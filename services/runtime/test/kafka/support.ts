// Shared helpers for the runtime's Kafka integration tests: real broker, real registry, unique names.
import { pino, type Logger } from 'pino';
import { testStack, uniqueName } from '../../../../test/support/env';
import { createKafkaClient, type KafkaClient } from '../../src/kafka/client';
import type { AvroSchemaJson } from '../../src/serde/avro-serde';

export { uniqueName };

export const testLogger = (): Logger => pino({ level: 'warn' });

export function testClient(name = 'runtime-test'): KafkaClient {
  return createKafkaClient({ clientId: name, brokers: testStack().brokers, logger: testLogger() });
}

export async function createTopics(client: KafkaClient, topics: string[], numPartitions = 1): Promise<void> {
  const admin = client.kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: topics.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })),
    });
  } finally {
    await admin.disconnect();
  }
}

export async function committedOffset(
  client: KafkaClient,
  groupId: string,
  topic: string,
  partition = 0,
): Promise<string> {
  const admin = client.kafka.admin();
  await admin.connect();
  try {
    const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return t?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
  } finally {
    await admin.disconnect();
  }
}

/** Poll `check` until it returns true or the deadline passes. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export const testEventSchema: AvroSchemaJson = {
  type: 'record',
  name: 'TestEvent',
  namespace: 'm3mage.test',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'seq', type: 'int' },
  ],
};

export interface TestEvent {
  id: string;
  seq: number;
}

export const meta = (id: string) => ({ correlationId: id, eventType: 'TestEvent', sourceSystem: 'test' });
