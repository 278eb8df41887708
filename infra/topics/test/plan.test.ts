import { describe, expect, it } from 'vitest';
import { allTopics, derivedTopics, topicsOfGroup } from '../derive';
import { planTopics, type ActualTopic } from '../plan';
import type { GroupSpec, TopicSpec } from '../catalogue';

const t = (name: string, over: Partial<TopicSpec> = {}): TopicSpec => ({
  name,
  partitions: 3,
  cleanup: 'delete',
  retentionMs: 1000,
  valueSchema: 'x.Y',
  key: 'k',
  description: '',
  ...over,
});

describe('topic catalogue', () => {
  it('derives retry tiers and a DLQ per consumer group', () => {
    const groups: GroupSpec[] = [{ id: 'g', consumes: ['a'], retryDelaysMs: [10, 20] }];
    expect(derivedTopics(groups, [t('a', { partitions: 6 })]).map((x) => [x.name, x.partitions])).toEqual([
      ['g.retry.1', 6],
      ['g.retry.2', 6],
      ['g.dlq', 1],
    ]);
    expect(topicsOfGroup('g', groups)).toEqual(['a', 'g.retry.1', 'g.retry.2', 'g.dlq']);
  });

  it('names topics by the architecture convention', () => {
    for (const x of allTopics()) {
      expect(x.name).toMatch(
        /^(state\.[a-z0-9-]+\.[a-z0-9-]+\.v\d+|cdc\.[a-z0-9]+\.[a-z0-9-]+\.v\d+|cmd\.[a-z0-9]+\.[a-z0-9-]+\.v\d+|xref\.[a-z-]+\.v\d+|[a-z0-9-]+\.(retry\.\d+|dlq))$/,
      );
    }
  });

  it('plans creation of missing topics and reports drift without changing anything', () => {
    const desired = [t('a'), t('b', { cleanup: 'compact' }), t('c')];
    const actual = new Map<string, ActualTopic>([
      ['a', { partitions: 3, configs: { 'cleanup.policy': 'delete', 'retention.ms': '1000' } }],
      ['b', { partitions: 1, configs: { 'cleanup.policy': 'delete' } }],
    ]);
    const plan = planTopics(desired, actual);
    expect(plan.create.map((x) => x.name)).toEqual(['c']);
    expect(plan.ok).toEqual(['a']);
    expect(plan.drift).toEqual([
      { topic: 'b', setting: 'partitions', want: '3', have: '1' },
      { topic: 'b', setting: 'cleanup.policy', want: 'compact', have: 'delete' },
    ]);
  });
});
