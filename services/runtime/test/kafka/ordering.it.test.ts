// Key-ordered concurrency on one partition: per-key offset order, exactly once, commit at the end.
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/kafka/handler';
import { createGroupConsumer, type GroupConsumer } from '../../src/retry-dlq/group-consumer';
import { retryDlqTopics } from '../../src/retry-dlq/topics';
import {
  committedOffset,
  createTopics,
  produceEvents,
  rig,
  sleep,
  testLogger,
  uniqueName,
  waitFor,
  type Rig,
  type TestEvent,
} from './support';
import { waitCaughtUp, withRetryTiers } from '../../../../test/support/caught-up';
import { cleanupAfterEach } from '../../../../test/support/cleanup';

const cleanup = cleanupAfterEach();

describe('consumer runner: key order with concurrency', () => {
  it('1,000 keys on one partition at in-flight 64: per-key order, exactly once, committed to the end', async () => {
    const topic = uniqueName('it.order');
    const group = uniqueName('it.order.g');
    const keys = 1000;
    const perKey = 5;
    const total = keys * perKey;
    const r: Rig = await rig(topic, 1);
    cleanup.push(() => r.close());
    await createTopics(r.client, retryDlqTopics(group, 2));
    await produceEvents(r, topic, keys, perKey);

    const handled: { key: string; offset: bigint; seq: number }[] = [];
    const running = new Set<string>();
    let inFlight = 0;
    let maxInFlight = 0;
    let overlaps = 0;
    const handler = async (m: InboundMessage<TestEvent>) => {
      const key = m.key as string;
      if (running.has(key)) overlaps += 1;
      running.add(key);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(Math.random() * 20);
      handled.push({ key, offset: BigInt(m.offset), seq: m.value?.seq ?? -1 });
      running.delete(key);
      inFlight -= 1;
      return { outcome: 'ack' as const };
    };
    const consumer: GroupConsumer = createGroupConsumer({
      client: r.client,
      service: 'test',
      groupId: group,
      topics: [topic],
      handler,
      serde: r.serde,
      producer: r.producer,
      logger: testLogger(),
      maxInFlight: 64,
      tierDelaysMs: [100, 200],
    });
    cleanup.push(() => consumer.stop());
    await consumer.start();

    await waitFor(() => handled.length >= total, 60_000, `${total} messages handled`);
    // Committed at the end on the main and retry groups: anything handled twice is in `handled` by now.
    await waitCaughtUp(r.client, withRetryTiers(group, [topic], 2), { timeoutMs: 15_000 });
    expect(await committedOffset(r.client, group, topic)).toBe(String(total));

    expect(handled).toHaveLength(total);
    expect(new Set(handled.map((h) => h.offset)).size).toBe(total);
    expect(overlaps).toBe(0);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(64);
    const byKey = new Map<string, { offset: bigint; seq: number }[]>();
    for (const h of handled) byKey.set(h.key, [...(byKey.get(h.key) ?? []), h]);
    expect(byKey.size).toBe(keys);
    let outOfOrder = 0;
    for (const list of byKey.values()) {
      for (let i = 1; i < list.length; i += 1)
        if ((list[i]?.offset ?? 0n) <= (list[i - 1]?.offset ?? 0n)) outOfOrder += 1;
      expect(list.map((l) => l.seq)).toEqual([0, 1, 2, 3, 4]);
    }
    expect(outOfOrder).toBe(0);
    expect(consumer.stats().crashes).toBe(0);
    console.log(
      `ordering: ${handled.length} handled, ${byKey.size} keys, max in-flight ${maxInFlight}, overlaps ${overlaps}`,
    );
  });
});
