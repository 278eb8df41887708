// A handler slower than the session timeout: heartbeats continue, so no rebalance and no second delivery.
// Runs with the runtime's default session timeout and heartbeat interval (ADR 0010).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_TIMEOUT_MS } from '../../src/kafka/consumer-runner';
import type { InboundMessage } from '../../src/kafka/handler';
import { createGroupConsumer } from '../../src/retry-dlq/group-consumer';
import { retryDlqTopics } from '../../src/retry-dlq/topics';
import { createTopics, produceEvents, rig, sleep, testLogger, uniqueName, waitFor, type TestEvent } from './support';
import { waitCaughtUp, withRetryTiers } from '../../../../test/support/caught-up';
import { cleanupAfterEach } from '../../../../test/support/cleanup';

const cleanup = cleanupAfterEach();

describe('consumer runner: slow handlers', () => {
  it('keeps the session alive through a handler slower than the session timeout', async () => {
    const topic = uniqueName('it.slow');
    const group = uniqueName('it.slow.g');
    const r = await rig(topic, 1);
    cleanup.push(() => r.close());
    await createTopics(r.client, retryDlqTopics(group, 1));
    await produceEvents(r, topic, 10, 2);

    const sessionTimeoutMs = DEFAULT_SESSION_TIMEOUT_MS;
    const deliveries = new Map<string, number>();
    const handler = async (m: InboundMessage<TestEvent>) => {
      deliveries.set(m.offset, (deliveries.get(m.offset) ?? 0) + 1);
      if (m.offset === '3') await sleep(sessionTimeoutMs + 4000); // 4 s longer than the session timeout
      return { outcome: 'ack' as const };
    };
    const consumer = createGroupConsumer({
      client: r.client,
      service: 'test',
      groupId: group,
      topics: [topic],
      handler,
      serde: r.serde,
      producer: r.producer,
      logger: testLogger(),
      tierDelaysMs: [100],
    });
    cleanup.push(() => consumer.stop());
    await consumer.start();

    await waitFor(() => deliveries.size === 20, 40_000, 'all 20 messages handled');
    // A lost session would fail the commit after the slow record: the re-join and re-deliveries come first.
    await waitCaughtUp(r.client, withRetryTiers(group, [topic], 1));

    const joins = consumer.main.stats().groupJoins;
    const redelivered = [...deliveries.values()].filter((n) => n > 1).length;
    console.log(`slow handler: main group joins ${joins}, messages ${deliveries.size}, re-delivered ${redelivered}`);
    expect(joins).toBe(1);
    expect(redelivered).toBe(0);
    expect(consumer.main.stats().crashes).toBe(0);
  });
});
