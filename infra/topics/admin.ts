// Reads and creates topics on a real broker (kafkajs admin). Never deletes and never alters existing topics.
import kafkajs, { Kafka, logLevel, type Admin } from 'kafkajs';
import { createTopicsAndWait } from '@m3mage/runtime';
import type { TopicSpec } from './catalogue';
import { desiredConfigs, type ActualTopic } from './plan';

// kafkajs is CommonJS; its enum is not visible as a named ESM export.
const { ConfigResourceTypes } = kafkajs;

export function topicAdmin(brokers: string[], clientId = 'topics'): Admin {
  return new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING }).admin();
}

export async function readTopics(admin: Admin, names: readonly string[]): Promise<Map<string, ActualTopic>> {
  const existing = new Set(await admin.listTopics());
  const present = names.filter((n) => existing.has(n));
  const out = new Map<string, ActualTopic>();
  if (present.length === 0) return out;
  const meta = await admin.fetchTopicMetadata({ topics: present });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: present.map((name) => ({
      type: ConfigResourceTypes.TOPIC,
      name,
      configNames: ['cleanup.policy', 'retention.ms'],
    })),
  });
  for (const t of meta.topics) {
    const res = configs.resources.find((r) => r.resourceName === t.name);
    const cfg: Record<string, string | undefined> = {};
    for (const e of res?.configEntries ?? []) cfg[e.configName] = e.configValue;
    out.set(t.name, { partitions: t.partitions.length, configs: cfg });
  }
  return out;
}

/** Creates the topics and returns once every partition has a leader (so producers can write at once). */
export async function createTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  await createTopicsAndWait(
    admin,
    specs.map((t) => ({
      topic: t.name,
      numPartitions: t.partitions,
      replicationFactor: -1,
      configEntries: Object.entries(desiredConfigs(t)).map(([name, value]) => ({ name, value })),
    })),
  );
}
