// Retry and dead-letter topics derived from the consumer groups of the catalogue.
import {
  deadLetterSchema,
  groups as catalogueGroups,
  topics as catalogueTopics,
  type GroupSpec,
  type TopicSpec,
} from './catalogue';

import { dlqTopic, retryTopic } from '@m3mage/runtime';

const DAY = 86_400_000;

export function derivedTopics(groups: readonly GroupSpec[], topics: readonly TopicSpec[]): TopicSpec[] {
  return groups.flatMap((g) => {
    const partitions = Math.max(1, ...g.consumes.map((t) => topics.find((x) => x.name === t)?.partitions ?? 1));
    const retries = g.retryDelaysMs.map<TopicSpec>((delay, i) => ({
      name: retryTopic(g.id, i + 1),
      partitions,
      cleanup: 'delete',
      retentionMs: 7 * DAY,
      valueSchema: '(original bytes)',
      key: 'original key',
      description: `retry tier ${i + 1} of ${g.id} (due after ${delay / 1000} s)`,
    }));
    const dlq: TopicSpec = {
      name: dlqTopic(g.id),
      partitions: 1,
      cleanup: 'delete',
      retentionMs: 30 * DAY,
      valueSchema: deadLetterSchema,
      key: 'original key',
      description: `dead letters of ${g.id}, with original bytes and error context`,
    };
    return [...retries, dlq];
  });
}

/** Every topic: the catalogue plus the derived retry and DLQ topics. */
export function allTopics(
  groups: readonly GroupSpec[] = catalogueGroups,
  topics: readonly TopicSpec[] = catalogueTopics,
): TopicSpec[] {
  const all = [...topics, ...derivedTopics(groups, topics)];
  const seen = new Set<string>();
  for (const t of all) {
    if (seen.has(t.name)) throw new Error(`topic ${t.name} is listed twice in the catalogue`);
    seen.add(t.name);
  }
  return all;
}

/** Topics a consumer group needs to exist before it starts. */
export function topicsOfGroup(groupId: string, groups: readonly GroupSpec[] = catalogueGroups): string[] {
  const g = groups.find((x) => x.id === groupId);
  if (!g) throw new Error(`consumer group ${groupId} is not in the topic catalogue`);
  return [...g.consumes, ...g.retryDelaysMs.map((_, i) => retryTopic(g.id, i + 1)), dlqTopic(g.id)];
}

/** The same topics under a namespace prefix (KAFKA_NAMESPACE of the services). */
export function namespaced(topics: readonly TopicSpec[], namespace = ''): TopicSpec[] {
  return topics.map((t) => ({ ...t, name: `${namespace}${t.name}` }));
}
