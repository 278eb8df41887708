// Helpers of the end-to-end tests: waiting with a deadline, reading the simulators' state, DLQ depth, topics.
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { createAvroSerde } from '@m3mage/runtime';
import { topicAdmin } from '@m3mage/topics';
import type { Sandbox } from '../../infra/sandbox/sandbox';
import { toolStackEnv } from '../support/tools';

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

/** Every service with a dead-letter topic: the consumer groups and the ingest services (records they cannot read). */
const DLQ_OWNERS = ['magento-ingest', 'm3-ion-ingest', 'transformer', 'm3-writer', 'magento-writer'];

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

/** One record as the broker holds it: key, value and header values as bytes. */
export interface RawRecord {
  topic: string;
  partition: number;
  offset: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: Array<{ name: string; value: Buffer }>;
}

/**
 * Every record of the topics up to their high watermarks at the call, in offset order within each
 * partition. Done when every partition was read to its end (not after a pause), so a record is never missed;
 * throws naming the partitions not read within the deadline.
 */
export async function readToEnd(brokers: string[], topics: string[], timeoutMs = 30_000): Promise<RawRecord[]> {
  const admin = topicAdmin(brokers, 'e2e-read');
  await admin.connect();
  const ends = new Map<string, bigint>();
  try {
    for (const topic of topics)
      for (const p of await admin.fetchTopicOffsets(topic))
        if (BigInt(p.high) > BigInt(p.low)) ends.set(`${topic}/${p.partition}`, BigInt(p.high));
  } finally {
    await admin.disconnect();
  }
  const out: RawRecord[] = [];
  if (ends.size === 0) return out;
  const left = new Set(ends.keys());
  const consumer = new Kafka({ clientId: 'e2e-read', brokers, logLevel: logLevel.NOTHING }).consumer({
    groupId: `e2e-read-${Date.now()}-${Math.random()}`,
  });
  await consumer.connect();
  try {
    await consumer.subscribe({
      topics: [...new Set([...ends.keys()].map((k) => k.slice(0, k.lastIndexOf('/'))))],
      fromBeginning: true,
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`partitions ${[...left].join(', ')} not read to the end in ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
      void consumer.run({
        eachBatch: async ({ batch }) => {
          const at = `${batch.topic}/${batch.partition}`;
          const end = ends.get(at) ?? 0n;
          for (const m of batch.messages) {
            if (BigInt(m.offset) >= end) continue;
            const headers = Object.entries(m.headers ?? {}).flatMap(([name, v]) =>
              (Array.isArray(v) ? v : [v]).filter((x) => x !== undefined).map((x) => ({ name, value: Buffer.from(x) })),
            );
            out.push({
              topic: batch.topic,
              partition: batch.partition,
              offset: BigInt(m.offset),
              key: m.key,
              value: m.value,
              headers,
            });
          }
          if (BigInt(batch.lastOffset()) + 1n >= end) left.delete(at);
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
  return out.sort(
    (a, b) =>
      a.topic.localeCompare(b.topic) ||
      a.partition - b.partition ||
      (a.offset < b.offset ? -1 : a.offset > b.offset ? 1 : 0),
  );
}

/**
 * Produces every record of the topic again, as it was (partition, key, value, headers) — what an engineer
 * replaying a topic does. Returns how many.
 */
export async function replayTopic(brokers: string[], topic: string): Promise<number> {
  const records = await readToEnd(brokers, [topic]);
  const producer = new Kafka({ clientId: 'e2e-replay', brokers, logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  try {
    await producer.send({
      topic,
      messages: records.map((r) => ({
        partition: r.partition,
        key: r.key,
        value: r.value,
        headers: Object.fromEntries(r.headers.map((h) => [h.name, h.value])),
      })),
    });
  } finally {
    await producer.disconnect();
  }
  return records.length;
}

/** Every key on a topic so far (for failure reports). */
export async function topicKeys(brokers: string[], topic: string): Promise<Set<string>> {
  const records = await readToEnd(brokers, [topic]);
  return new Set(records.flatMap((r) => (r.key ? [r.key.toString()] : [])));
}

export interface DeadLetterView {
  topic: string;
  key: string | null;
  headers: Record<string, string>;
}

/** Every record in the groups' DLQs so far (headers are plain strings, as Kafka UI shows them; the last wins). */
export async function dlqMessages(brokers: string[], namespace: string): Promise<DeadLetterView[]> {
  const records = await readToEnd(
    brokers,
    DLQ_OWNERS.map((g) => `${namespace}${g}.dlq`),
  );
  return records.map((r) => ({
    topic: r.topic,
    key: r.key?.toString() ?? null,
    headers: Object.fromEntries(r.headers.map((h) => [h.name, h.value.toString()])),
  }));
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
  const serde = createAvroSerde({ registryUrl });
  const out: TopicRecord[] = [];
  for (const r of await readToEnd(brokers, [topic]))
    out.push({
      partition: r.partition,
      offset: r.offset,
      key: r.key?.toString() ?? '',
      value: r.value ? await serde.decode(r.value) : null,
    });
  return out;
}

/** Short retry tiers and quiet logs: what every e2e sandbox runs its services with. */
export const FAST_SERVICE_ENV: Readonly<Record<string, string>> = Object.freeze({
  RETRY_DELAYS_MS: '300,1000,2000',
  LOG_LEVEL: 'warn',
});

const SERVICES = ['magento-ingest', 'm3-ion-ingest', 'transformer', 'm3-writer', 'magento-writer'] as const;

/** `serviceEnv` for startSandbox: FAST_SERVICE_ENV for each of the five services, plus a test's own settings. */
export function e2eServiceEnv(
  extra: Partial<Record<(typeof SERVICES)[number], Record<string, string>>> = {},
  base: Readonly<Record<string, string>> = FAST_SERVICE_ENV,
): Record<string, Record<string, string>> {
  return Object.fromEntries(SERVICES.map((s) => [s, { ...base, ...extra[s] }]));
}

export { spawnTool, runTool, type ToolRun } from '../support/tools';

/** The environment a tool needs to work on a test's sandbox: the test stack, the namespace and its M3. */
export function toolEnv(sb: Sandbox, namespace: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return toolStackEnv(namespace, { M3_IONAPI_FILE: sb.info.m3IonapiFile, M3_COMPANY: sb.info.m3Company, ...extra });
}
