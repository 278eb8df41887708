// Topic provisioning for tools and tests (production topics come from the catalogue in infra/).
import type { Admin, ITopicConfig } from 'kafkajs';
import type { KafkaClient } from './client';

export interface TopicSpec {
  topic: string;
  partitions: number;
  replicationFactor?: number;
  config?: Record<string, string>;
}

/** Create the topics that do not exist yet; existing ones are left as they are. */
export async function ensureTopics(client: KafkaClient, specs: TopicSpec[]): Promise<void> {
  const admin = client.kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length === 0) return;
    await createTopicsAndWait(
      admin,
      missing.map((s) => ({
        topic: s.topic,
        numPartitions: s.partitions,
        replicationFactor: s.replicationFactor ?? 1,
        configEntries: Object.entries(s.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    );
  } finally {
    await admin.disconnect();
  }
}

/**
 * Creates topics and returns once every partition has a leader. Right after creation the broker may briefly
 * not know the partitions yet (KafkaJS retries only LEADER_NOT_AVAILABLE); the topics exist then, so this
 * waits for their leaders instead of failing. Used by ensureTopics and by the catalogue tools (infra/topics).
 */
export async function createTopicsAndWait(admin: Admin, topics: ITopicConfig[]): Promise<void> {
  if (topics.length === 0) return;
  try {
    await admin.createTopics({ waitForLeaders: true, topics });
  } catch (err) {
    if (!TRANSIENT.has((err as { type?: string }).type ?? '')) throw err;
  }
  await waitForLeaders(
    admin,
    topics.map((t) => t.topic),
  );
}

const TRANSIENT = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE', 'TOPIC_ALREADY_EXISTS']);

/** Polls metadata until every partition of the topics has a leader (30 s at most). */
async function waitForLeaders(admin: Admin, topics: string[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const meta = await admin.fetchTopicMetadata({ topics });
      if (meta.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
    } catch (err) {
      if (!TRANSIENT.has((err as { type?: string }).type ?? '') || Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`topics without leaders after ${timeoutMs} ms: ${topics.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
