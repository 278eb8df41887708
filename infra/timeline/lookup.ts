// One timeline: the key's records in the window across every document topic (each read only in the key's
// partition, between the window's offsets), then the cross-reference followed once — an increment id to its
// M3 order number (xref.order.v1) and that ORNO's M3-side records, or an ORNO back to its increment id (the
// `cuor` its M3 records carry) and that order's records — decoded, summarized and put in time order.
import type { KafkaClient, ValueSerde } from '@m3mage/runtime';
import type { Admin } from 'kafkajs';
import { outcomeOf, type Outcome } from './outcome';
import type { TimelineQuery } from './options';
import { keyRanges } from './ranges';
import { partitionId, readRanges } from '../topics/read-ranges';
import { decodeRecord, type TimelineRecord } from './record';
import { documentTopics, ornoTopics, type SearchedTopic } from './sources';
import { toSteps, type Step } from './steps';
import { summarize } from './summary';

export interface TimelineDeps {
  client: KafkaClient;
  serde: Pick<ValueSerde, 'decode'>;
  /** KAFKA_NAMESPACE of the topics read. */
  namespace: string;
  /** How long reading one round may take (default 30 s). */
  timeoutMs?: number;
}

export interface LinkedKey {
  key: string;
  /** How the key came in: asked for, or found through the cross-reference. */
  role: 'asked' | 'orno' | 'increment-id';
}

export interface ReadPartition {
  topic: string;
  partition: number;
  /** The offsets the window spans: [start, end). */
  start: string;
  end: string;
  /** Records the broker delivered from it (other keys' included). */
  fetched: number;
}

export interface Timeline {
  key: string;
  namespace: string;
  from: string;
  to: string;
  keys: LinkedKey[];
  steps: Step[];
  outcome: Outcome;
  /** The key's partition of every searched topic with the window's offsets (an empty range is not read). */
  read: ReadPartition[];
  /** Searched topics that do not exist on the broker. */
  missingTopics: string[];
}

/** The key found in the records of `key` through the cross-reference, if any. */
function linkOf(key: string, records: readonly TimelineRecord[]): LinkedKey | undefined {
  for (const r of records.filter((x) => x.key === key)) {
    const { facts } = summarize(r);
    if (r.searched.kind === 'xref' && facts.orno && facts.incrementId === key) return { key: facts.orno, role: 'orno' };
    if (facts.orno === key && facts.incrementId) return { key: facts.incrementId, role: 'increment-id' };
  }
  return undefined;
}

export async function lookupTimeline(deps: TimelineDeps, q: TimelineQuery): Promise<Timeline> {
  const window = { namespace: deps.namespace, fromMs: q.fromMs, toMs: q.toMs };
  const admin = deps.client.kafka.admin();
  await admin.connect();
  try {
    const keys: LinkedKey[] = [{ key: q.key, role: 'asked' }];
    const first = await round(deps, admin, window, q.key, documentTopics());
    let { records, read, missing } = first;
    const link = linkOf(q.key, records);
    if (link) {
      keys.push(link);
      const topics = link.role === 'orno' ? ornoTopics() : documentTopics();
      const second = await round(deps, admin, window, link.key, topics);
      const seen = new Set(records.map((r) => `${r.topic}:${r.partition}:${r.offset}`));
      records = [...records, ...second.records.filter((r) => !seen.has(`${r.topic}:${r.partition}:${r.offset}`))];
      read = [...read, ...second.read];
      missing = [...new Set([...missing, ...second.missing])];
    }
    const steps = toSteps(records);
    return {
      key: q.key,
      namespace: deps.namespace,
      from: new Date(q.fromMs).toISOString(),
      to: new Date(q.toMs).toISOString(),
      keys,
      steps,
      outcome: outcomeOf(steps),
      read,
      missingTopics: missing,
    };
  } finally {
    await admin.disconnect();
  }
}

interface Round {
  records: TimelineRecord[];
  read: ReadPartition[];
  missing: string[];
}

async function round(
  deps: TimelineDeps,
  admin: Admin,
  window: { namespace: string; fromMs: number; toMs: number },
  key: string,
  topics: readonly SearchedTopic[],
): Promise<Round> {
  const { ranges, missing } = await keyRanges(admin, key, topics, window);
  const { records, fetched } = await readRanges(deps.client, ranges, {
    keep: (k) => k === key,
    groupPrefix: 'timeline-reader',
    ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
  });
  const searchedOf = new Map(ranges.map((r) => [r.topic, r.searched]));
  const inWindow = records.filter((r) => r.timestamp >= window.fromMs && r.timestamp <= window.toMs);
  const decoded = await Promise.all(
    inWindow.flatMap((r) => {
      const searched = searchedOf.get(r.topic);
      return searched ? [decodeRecord(deps.serde, searched, r)] : [];
    }),
  );
  return {
    records: decoded,
    read: ranges.map((p) => ({
      topic: p.topic,
      partition: p.partition,
      start: p.start.toString(),
      end: p.end.toString(),
      fetched: fetched.get(partitionId(p.topic, p.partition)) ?? 0,
    })),
    missing,
  };
}
