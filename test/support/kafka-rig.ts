// The rig integration tests share on the real broker and registry: unique catalogue topics (or a
// KAFKA_NAMESPACE) per test, a service context from config with quiet logs, readers that stop at the topic's
// end offsets, and waitFor with a deadline. The end marker for the groups under test is in caught-up.ts.
import { Writable } from 'node:stream';
import {
  createKafkaClient,
  createServiceContext,
  ensureTopics,
  type BaseServiceConfig,
  type CreateServiceContextOptions,
  type KafkaClient,
  type ServiceContext,
} from '@m3mage/runtime';
import { pino } from 'pino';
import { readToEnd, withAdmin } from './caught-up';
import { testStack, uniqueName } from './env';

export { testStack, uniqueName };

/** A KAFKA_NAMESPACE no other test uses, e.g. `it-mw.m1x2y3.a1b2c3.` */
export const testNamespace = (prefix: string): string => `${uniqueName(prefix)}.`;

/** A Kafka client on the test broker. */
export const testKafkaClient = (clientId = 'it'): KafkaClient =>
  createKafkaClient({ clientId, brokers: testStack().brokers, logger: pino({ level: 'silent' }) });

/** Creates the topics that do not exist yet (on `client`, else on a short-lived one). */
export async function createTestTopics(topics: string[], partitions = 3, client?: KafkaClient): Promise<void> {
  await ensureTopics(
    client ?? testKafkaClient(),
    topics.map((topic) => ({ topic, partitions })),
  );
}

/** A service's environment on the test stack: broker, registry, any free HTTP port, warnings only. */
export function stackEnv(env: Record<string, string> = {}): Record<string, string> {
  const stack = testStack();
  return {
    KAFKA_BROKERS: stack.brokers.join(','),
    SCHEMA_REGISTRY_URL: stack.registryUrl,
    HTTP_PORT: '0',
    LOG_LEVEL: 'warn',
    ...env,
  };
}

const quiet = new Writable({ write: (_c, _e, cb) => cb() });

/** A service context from config for a test: logs discarded, no process signal handlers. */
export function testServiceContext<C extends BaseServiceConfig>(
  opts: Omit<CreateServiceContextOptions<C>, 'version' | 'logDestination' | 'signals'>,
): Promise<ServiceContext<C>> {
  return createServiceContext({
    version: '0.0.0-test',
    logDestination: quiet,
    signals: { once: () => undefined, removeListener: () => undefined },
    ...opts,
  });
}

/** What a reader needs: a Kafka client and the serde (a ServiceContext, or a runtime test rig). */
export interface RecordSource {
  kafka: KafkaClient;
  serde: { decode(bytes: Buffer): Promise<unknown> };
}

export interface ReadRecord {
  key: string;
  headers: Record<string, string>;
  value: unknown;
}

export interface ReadOptions {
  timeoutMs?: number;
}

/**
 * Every record of a topic, decoded, in offset order per partition, read by a private consumer from the
 * beginning until it holds the topic's end offsets (fetched again on every check, so a record produced while
 * it reads is read too). Records a service has yet to produce are not waited for: wait for its group first.
 */
export async function readRecords(
  from: RecordSource,
  topic: string,
  { timeoutMs = 30_000 }: ReadOptions = {},
): Promise<ReadRecord[]> {
  const consumer = from.kafka.kafka.consumer({ groupId: uniqueName('it-reader'), maxWaitTimeInMs: 100 });
  const out: ReadRecord[] = [];
  const next = new Map<number, bigint>(); // per partition: the offset after the last record read
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const value = message.value ? await from.serde.decode(message.value) : null;
        out.push({
          key: message.key?.toString() ?? '',
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          value,
        });
        next.set(partition, BigInt(message.offset) + 1n);
      },
    });
    await withAdmin(from.kafka, (admin) =>
      waitFor(() => readToEnd(admin, topic, next), timeoutMs, `the end of ${topic}`),
    );
  } finally {
    await consumer.disconnect();
  }
  return out;
}

/** The decoded values of every record of a topic (null for a tombstone), read up to its end offsets. */
export async function readAll(from: RecordSource, topic: string): Promise<unknown[]> {
  return (await readRecords(from, topic)).map((r) => r.value);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns true; throws, naming `what`, when the deadline passes. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
