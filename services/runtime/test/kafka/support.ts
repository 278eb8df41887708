// Shared helpers for the runtime's Kafka integration tests: real broker, real registry, unique names.
import { pino, type Logger } from 'pino';
import { testStack, uniqueName } from '../../../../test/support/env';
import { createTestTopics, sleep, waitFor } from '../../../../test/support/kafka-rig';
import { createKafkaClient, type KafkaClient } from '../../src/kafka/client';
import { createProducer, type Producer } from '../../src/kafka/producer';
import { createAvroSerde, type AvroSchemaJson, type AvroSerde } from '../../src/serde/avro-serde';

export { sleep, uniqueName, waitFor };

export const testLogger = (): Logger => pino({ level: 'warn' });

export function testClient(name = 'runtime-test'): KafkaClient {
  return createKafkaClient({ clientId: name, brokers: testStack().brokers, logger: testLogger() });
}

export async function createTopics(client: KafkaClient, topics: string[], numPartitions = 1): Promise<void> {
  await createTestTopics(topics, numPartitions, client);
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

export interface Rig {
  client: KafkaClient;
  serde: AvroSerde;
  producer: Producer;
  close(): Promise<void>;
}

/** Client, registered serde and a connected producer for `topic` (created with `partitions`). */
export async function rig(topic: string, partitions = 1, extraTopics: string[] = []): Promise<Rig> {
  const client = testClient();
  await createTopics(client, [topic, ...extraTopics], partitions);
  const serde = createAvroSerde({ registryUrl: testStack().registryUrl });
  await serde.register(topic, testEventSchema);
  const producer = createProducer({ client, serde, logger: testLogger(), lingerMs: 5 });
  await producer.connect();
  return { client, serde, producer, close: () => producer.close() };
}

/** Produce `perKey` events for each of `keys` keys, interleaved (k0#0, k1#0, …, k0#1, …). */
export async function produceEvents(r: Rig, topic: string, keys: number, perKey: number): Promise<void> {
  const sends: Promise<unknown>[] = [];
  for (let s = 0; s < perKey; s += 1)
    for (let k = 0; k < keys; k += 1)
      sends.push(
        r.producer.send<TestEvent>({ topic, key: `k${k}`, value: { id: `k${k}`, seq: s }, meta: meta(`k${k}`) }),
      );
  await Promise.all(sends);
}

/** Every value on a one-partition topic, in offset order. */
export async function topicValues(client: KafkaClient, topic: string): Promise<string[]> {
  const admin = client.kafka.admin();
  await admin.connect();
  const high = Number((await admin.fetchTopicOffsets(topic))[0]?.high ?? '0');
  await admin.disconnect();
  const values: string[] = [];
  const consumer = client.kafka.consumer({ groupId: uniqueName('it.producer.read') });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        values.push(String(message.value));
        if (values.length >= high) resolve();
      },
    });
  });
  await consumer.disconnect();
  return values;
}
