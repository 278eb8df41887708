// Helpers of the end-to-end tests: waiting with a deadline, reading the simulators' state, DLQ depth, topics.
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { createAvroSerde } from '@m3mage/runtime';
import { topicAdmin } from '@m3mage/topics';
import type { Sandbox } from '../../infra/sandbox/sandbox';

export async function waitFor<T>(
  what: string,
  probe: () => T | Promise<T>,
  done: (v: T) => boolean,
  timeoutMs: number,
  explain: (v: T) => string | Promise<string> = (v) => JSON.stringify(v),
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; last: ${await explain(last)}`);
    await new Promise((r) => setTimeout(r, 250));
    last = await probe();
  }
  return last;
}

/** M3 orders (confirmed: a real ORNO with lines) by CUOR. */
export function m3OrdersByCuor(sb: Sandbox): Map<string, ReturnType<Sandbox['m3']['state']['orders']['get']> & object> {
  const out = new Map<string, NonNullable<ReturnType<Sandbox['m3']['state']['orders']['get']>>>();
  for (const o of sb.m3.state.orders.values()) {
    const cuor = String(o.head.CUOR ?? '').trim();
    if (!cuor) continue;
    if (out.has(cuor)) out.set(`${cuor}#dup${out.size}`, o);
    else out.set(cuor, o);
  }
  return out;
}

/** What the services logged at warn or above (the tail of each child's log), for a failure message. */
export function serviceLogTails(sb: Sandbox, lines = 12): string {
  const out: string[] = [];
  for (const child of sb.children.values()) {
    let text = '';
    try {
      text = readFileSync(child.logFile, 'utf8');
    } catch {
      continue;
    }
    const tail = text.trimEnd().split('\n').filter(Boolean).slice(-lines);
    const state =
      child.proc.exitCode !== null || child.proc.signalCode !== null
        ? ` (exited ${child.proc.exitCode ?? child.proc.signalCode})`
        : '';
    out.push(`--- ${child.name}${state}: ${child.logFile}`, ...tail.map((l) => l.slice(0, 600)));
  }
  return out.join('\n');
}

export function magentoOrder(sb: Sandbox, incrementId: string) {
  return sb.magento.state.orderByIncrementId(incrementId);
}

/** Every service with a dead-letter topic: the consumer groups and magento-ingest (orders it cannot map). */
const DLQ_OWNERS = ['magento-ingest', 'transformer', 'm3-writer', 'magento-writer'];

/** Records in the dead-letter topics of every consumer group (high watermarks summed). */
export async function dlqDepth(brokers: string[], namespace: string): Promise<Record<string, number>> {
  const admin = topicAdmin(brokers, 'e2e-dlq');
  await admin.connect();
  try {
    const out: Record<string, number> = {};
    for (const g of DLQ_OWNERS) {
      const offsets = await admin.fetchTopicOffsets(`${namespace}${g}.dlq`);
      out[g] = offsets.reduce((n, p) => n + Number(p.high), 0);
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

/** Every key on a topic so far (read from the beginning up to the high watermarks; for failure reports). */
export async function topicKeys(brokers: string[], topic: string, timeoutMs = 15_000): Promise<Set<string>> {
  const admin = topicAdmin(brokers, 'e2e-keys');
  await admin.connect();
  const ends = new Map<number, bigint>();
  try {
    for (const p of await admin.fetchTopicOffsets(topic)) ends.set(p.partition, BigInt(p.high));
  } finally {
    await admin.disconnect();
  }
  const keys = new Set<string>();
  const left = new Set([...ends].filter(([, high]) => high > 0n).map(([p]) => p));
  if (left.size === 0) return keys;
  const consumer = new Kafka({ clientId: 'e2e-keys', brokers, logLevel: logLevel.NOTHING }).consumer({
    groupId: `e2e-keys-${Date.now()}-${Math.random()}`,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          if (message.key) keys.add(message.key.toString());
          if (BigInt(message.offset) + 1n >= (ends.get(partition) ?? 0n)) left.delete(partition);
          if (left.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return keys;
}

export interface DeadLetterView {
  topic: string;
  key: string | null;
  headers: Record<string, string>;
}

/** Every record in the groups' DLQs so far (headers are plain strings, as Kafka UI shows them). */
export async function dlqMessages(brokers: string[], namespace: string): Promise<DeadLetterView[]> {
  const topics = DLQ_OWNERS.map((g) => `${namespace}${g}.dlq`);
  const depth = await dlqDepth(brokers, namespace);
  const total = Object.values(depth).reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  const consumer = new Kafka({ clientId: 'e2e-dlq', brokers, logLevel: logLevel.NOTHING }).consumer({
    groupId: `e2e-dlq-${Date.now()}-${Math.random()}`,
  });
  const out: DeadLetterView[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 15_000);
      void consumer.run({
        eachMessage: async ({ topic, message }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {}))
            if (v !== undefined) headers[k] = String(Array.isArray(v) ? v.at(-1) : v);
          out.push({ topic, key: message.key?.toString() ?? null, headers });
          if (out.length >= total) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return out;
}

export interface TopicRecord {
  partition: number;
  offset: bigint;
  key: string;
  value: unknown;
}

/**
 * Every record of a topic up to its high watermarks at the call, decoded (Avro, the registry), in offset
 * order within each partition — the order a consumer of one key sees.
 */
export async function topicRecords(brokers: string[], registryUrl: string, topic: string): Promise<TopicRecord[]> {
  const admin = topicAdmin(brokers, 'e2e-records');
  await admin.connect();
  const ends = new Map<number, bigint>();
  try {
    for (const p of await admin.fetchTopicOffsets(topic)) ends.set(p.partition, BigInt(p.high));
  } finally {
    await admin.disconnect();
  }
  const serde = createAvroSerde({ registryUrl });
  const out: TopicRecord[] = [];
  const left = new Set([...ends].filter(([, high]) => high > 0n).map(([p]) => p));
  if (left.size === 0) return out;
  const consumer = new Kafka({ clientId: 'e2e-records', brokers, logLevel: logLevel.NOTHING }).consumer({
    groupId: `e2e-records-${Date.now()}-${Math.random()}`,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${topic}: partitions ${[...left].join(',')} not read to the end`)),
        30_000,
      );
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          const end = ends.get(partition) ?? 0n;
          const offset = BigInt(message.offset);
          if (offset >= end) return;
          out.push({
            partition,
            offset,
            key: message.key?.toString() ?? '',
            value: message.value ? await serde.decode(message.value) : null,
          });
          if (offset + 1n >= end) left.delete(partition);
          if (left.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return out.sort((a, b) => a.partition - b.partition || (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0));
}
