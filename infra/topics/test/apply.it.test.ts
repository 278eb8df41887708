// Against the real broker: missing topics are created, drift is reported and nothing is destroyed,
// and a service's start-up check names the missing topics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import { createTopics, readTopics, topicAdmin } from '../admin';
import { planTopics } from '../plan';
import { assertTopicsExist, MissingTopicsError } from '../verify';
import type { TopicSpec } from '../catalogue';
import { testStack, uniqueName } from '../../../test/support/env';

describe('topics:apply on the real broker', () => {
  let admin: Admin;
  beforeAll(async () => {
    admin = topicAdmin(testStack().brokers, 'topics-test');
    await admin.connect();
  });
  afterAll(async () => {
    await admin.disconnect();
  });

  it('creates what is missing, then finds everything as catalogued', async () => {
    const p = uniqueName('cat');
    const desired: TopicSpec[] = [
      {
        name: `${p}.a`,
        partitions: 3,
        cleanup: 'delete',
        retentionMs: 3_600_000,
        valueSchema: 'x',
        key: 'k',
        description: '',
      },
      {
        name: `${p}.b`,
        partitions: 2,
        cleanup: 'compact',
        retentionMs: -1,
        valueSchema: 'x',
        key: 'k',
        description: '',
      },
    ];
    const names = desired.map((d) => d.name);
    const first = planTopics(desired, await readTopics(admin, names));
    expect(first.create).toHaveLength(2);
    await createTopics(admin, first.create);
    const second = planTopics(desired, await readTopics(admin, names));
    expect(second).toEqual({ create: [], drift: [], ok: names });
    await expect(assertTopicsExist(admin, names)).resolves.toBeUndefined();
  });

  it('reports drift on an existing topic and leaves it and its data alone', async () => {
    const name = uniqueName('drift');
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: name, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '1000' }] }],
    });
    const desired: TopicSpec[] = [
      { name, partitions: 4, cleanup: 'delete', retentionMs: 86_400_000, valueSchema: 'x', key: 'k', description: '' },
    ];
    const plan = planTopics(desired, await readTopics(admin, [name]));
    expect(plan.create).toEqual([]);
    expect(plan.drift).toEqual([
      { topic: name, setting: 'partitions', want: '4', have: '1' },
      { topic: name, setting: 'retention.ms', want: '86400000', have: '1000' },
    ]);
    const after = await readTopics(admin, [name]);
    expect(after.get(name)?.partitions).toBe(1);
  });

  it('refuses start-up when topics are missing, naming them', async () => {
    const missing = uniqueName('missing');
    const err = await assertTopicsExist(admin, [missing]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingTopicsError);
    expect((err as Error).message).toContain(missing);
    expect((err as Error).message).toContain('npm run topics:apply');
  });
});
