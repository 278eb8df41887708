// Shared helpers for the runtime's Kafka integration tests: real broker, real registry, unique names,
// consumer child processes.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import { afterEach } from 'vitest';
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

export const meta = (id: string) => ({ correlationId: id, eventType: 'TestEvent', sourceSystem: 'M3' as const });

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

export interface ChildConsumer {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: string | null }>;
  /** Resolves with the milliseconds from spawn until the child printed `line` (child-consumer.ts). */
  printed(line: 'joining' | 'ready'): Promise<number>;
}

/**
 * Starts child-consumer.ts processes (env: TOPIC, GROUP, OUT_FILE, optional SESSION_TIMEOUT_MS); call at
 * module level. Children still running after a test are killed with SIGKILL.
 */
export function childConsumers(): (env: Record<string, string>) => ChildConsumer {
  const script = resolve(import.meta.dirname, 'child-consumer.ts');
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    children.length = 0;
  });
  return (env) => {
    const spawnedAt = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const exited = new Promise<{ code: number | null; signal: string | null }>((res) =>
      child.once('exit', (code, signal) => res({ code, signal })),
    );
    const seen = new Map<string, number>();
    const waiting = new Map<string, (ms: number) => void>();
    let buffered = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (buffered + chunk).split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const ms = performance.now() - spawnedAt;
        seen.set(line, ms);
        waiting.get(line)?.(ms);
      }
    });
    const printed = (line: string): Promise<number> =>
      Promise.race([
        new Promise<number>((res) => {
          const ms = seen.get(line);
          if (ms === undefined) waiting.set(line, res);
          else res(ms);
        }),
        exited.then((e) => Promise.reject(new Error(`child exited (${JSON.stringify(e)}) before printing ${line}`))),
      ]);
    return { child, exited, printed };
  };
}

/** The offsets a child consumer wrote to its OUT_FILE, in the order handled. */
export const handledOffsets = (file: string): number[] =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map(Number) : [];
