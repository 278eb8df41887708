// Tiered retry and the DLQ on the real broker and registry.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core';
import type { InboundMessage } from '../../src/kafka/handler';
import { createGroupConsumer } from '../../src/retry-dlq/group-consumer';
import type { DeadLetter } from '../../src/retry-dlq/dead-letter';
import { dlqTopic, retryDlqTopics } from '../../src/retry-dlq/topics';
import { createTopics, meta, rig, testLogger, uniqueName, waitFor, type Rig, type TestEvent } from './support';
import { waitCaughtUp, withRetryTiers } from '../../../../test/support/caught-up';
import { cleanupAfterEach } from '../../../../test/support/cleanup';
import { readRecords } from '../../../../test/support/kafka-rig';

const cleanup = cleanupAfterEach();

interface Handled {
  key: string;
  seq: number;
  attempt: number;
  at: number;
  topic: string;
}

/** The DLQ once the group and its three retry tiers have committed everything (nothing is still on its way). */
async function readDlq(
  r: Rig,
  group: string,
  topic: string,
): Promise<{ headers: Record<string, string>; value: DeadLetter }[]> {
  await waitCaughtUp(r.client, withRetryTiers(group, [topic], 3), { watch: [dlqTopic(group)] });
  const read = await readRecords({ kafka: r.client, serde: r.serde }, dlqTopic(group));
  return read as { headers: Record<string, string>; value: DeadLetter }[];
}

describe('retry tiers and DLQ', () => {
  it('retries through the tiers in key order, and dead-letters with full context', async () => {
    const topic = uniqueName('it.retry');
    const group = uniqueName('it.retry.g');
    const r = await rig(topic, 2);
    cleanup.push(() => r.close());
    await createTopics(r.client, retryDlqTopics(group, 3), 2);

    const handled: Handled[] = [];
    const failures = new Map<string, number>();
    const handler = async (m: InboundMessage<TestEvent>) => {
      const key = m.key as string;
      const seq = m.value?.seq ?? -1;
      if (key === 'flaky' && seq === 0 && (failures.get('flaky') ?? 0) < 3) {
        failures.set('flaky', (failures.get('flaky') ?? 0) + 1);
        throw new AppError('HTTP_5XX', 'M3 answered 503');
      }
      if (key === 'poison') throw new AppError('MAPPING_UNMAPPABLE', 'no warehouse for source XYZ');
      if (key === 'always')
        return { outcome: 'retry' as const, error: new AppError('MAPPING_NOT_YET', 'customer not there') };
      handled.push({ key, seq, attempt: m.attempt, at: Date.now(), topic: m.topic });
      return { outcome: 'ack' as const };
    };
    const consumer = createGroupConsumer({
      client: r.client,
      service: 'test-svc',
      groupId: group,
      topics: [topic],
      handler,
      serde: r.serde,
      producer: r.producer,
      logger: testLogger(),
      tierDelaysMs: [200, 300, 400],
      maxInFlight: 16,
    });
    cleanup.push(() => consumer.stop());
    await consumer.start();

    const send = (key: string, seq: number) =>
      r.producer.send<TestEvent>({ topic, key, value: { id: key, seq }, meta: meta(`corr-${key}`) });
    const started = Date.now();
    await Promise.all([send('flaky', 0), send('poison', 0), send('always', 0)]);
    await Promise.all([send('flaky', 1), send('flaky', 2), ...Array.from({ length: 20 }, (_, i) => send(`ok${i}`, 0))]);
    const garbage = await r.producer.sendRaw({
      topic,
      key: 'garbage',
      value: Buffer.from('{"not":"avro"}'),
      headers: { 'event-type': 'X' },
    });

    await waitFor(() => handled.filter((h) => h.key === 'flaky').length === 3, 30_000, 'flaky key delivered');
    const dlq = await readDlq(r, group, topic);

    // flaky: seq 0 succeeded on attempt 4 (three tiers), seq 1 and 2 waited behind it, in order
    const flaky = handled.filter((h) => h.key === 'flaky');
    expect(flaky.map((h) => h.seq)).toEqual([0, 1, 2]);
    expect(flaky[0]?.attempt).toBe(4);
    expect(flaky[0]?.topic).toBe(topic);
    expect(failures.get('flaky')).toBe(3);
    // other keys were not held back by the retry: all of them handled before flaky's first record (in the
    // order handled, not by wall-clock times, which can tie within a millisecond)
    const others = handled.filter((h) => h.key.startsWith('ok'));
    expect(others).toHaveLength(20);
    expect(Math.max(...others.map((h) => handled.indexOf(h)))).toBeLessThan(handled.indexOf(flaky[0]!));
    console.log(
      `retry: flaky done after ${(flaky[0]?.at ?? 0) - started} ms, other keys done after ${Math.max(...others.map((h) => h.at)) - started} ms`,
    );

    // exactly three dead letters: permanent, exhausted, undecodable
    expect(dlq).toHaveLength(3);
    const byKey = new Map(dlq.map((d) => [d.value.originalKey, d]));
    const poison = byKey.get('poison');
    expect(poison?.value).toMatchObject({
      originalTopic: topic,
      errorClass: 'permanent',
      errorCode: 'MAPPING_UNMAPPABLE',
      errorMessage: 'no warehouse for source XYZ',
      stage: 'handler',
      attempts: 1,
      service: 'test-svc',
      group,
    });
    expect(typeof poison?.value.originalOffset).toBe('number');
    expect(poison?.value.originalHeaders).toMatchObject({ 'correlation-id': 'corr-poison', 'event-type': 'TestEvent' });
    expect(await r.serde.decode(poison?.value.originalValue as Buffer)).toEqual({ id: 'poison', seq: 0 });
    expect(poison?.headers).toMatchObject({
      'x-original-topic': topic,
      'x-original-partition': String(poison?.value.originalPartition),
      'x-original-offset': String(poison?.value.originalOffset),
      'x-error-class': 'permanent',
      'x-error-code': 'MAPPING_UNMAPPABLE',
      'x-error-message': 'no warehouse for source XYZ',
      'x-error-stage': 'handler',
      'x-attempts': '1',
      'correlation-id': 'corr-poison',
    });
    expect(Date.parse(poison?.headers['x-failed-at'] ?? '')).toBeGreaterThan(started);

    const always = byKey.get('always');
    expect(always?.value).toMatchObject({
      stage: 'retry-exhausted',
      attempts: 4,
      errorCode: 'MAPPING_NOT_YET',
      originalTopic: topic,
    });
    expect(always?.headers['x-attempts']).toBe('4');
    expect(await r.serde.decode(always?.value.originalValue as Buffer)).toEqual({ id: 'always', seq: 0 });

    const bad = byKey.get('garbage');
    expect(bad?.value).toMatchObject({
      stage: 'decode',
      errorCode: 'SCHEMA_DECODE',
      originalOffset: Number(garbage.offset),
    });
    expect(bad?.value.originalValue?.toString()).toBe('{"not":"avro"}');
  });
});
