// A record larger than its topic's max.message.bytes is refused by the producer on its own, before it can spoil a
// request: the other records of its batch are written once and a key's records stay in order (a refused
// multi-partition request would leave some partitions written, and sending them again would put an older
// version after a newer one).
import { describe, expect, it } from 'vitest';
import { ensureTopics } from '../../src/kafka/admin';
import { createProducer } from '../../src/kafka/producer';
import { testClient, testLogger, topicValues, uniqueName } from './support';

describe('batching producer, a batch refused for one of its records', () => {
  it('keeps the order of a key whose records were in the refused batch (no older record after a newer one)', async () => {
    const client = testClient();
    const [ok, strict] = [uniqueName('it.producer.order'), uniqueName('it.producer.order-strict')];
    await ensureTopics(client, [
      { topic: ok, partitions: 1 },
      { topic: strict, partitions: 1, config: { 'max.message.bytes': '2000' } },
    ]);
    const producer = createProducer({ client, logger: testLogger(), lingerMs: 50 });
    await producer.connect();
    const raw = (topic: string, key: string, value: string) =>
      producer.sendRaw({ topic, key, value: Buffer.from(value), headers: {} });

    // one batch: order-1's two versions (appended by the broker) and a record the broker refuses
    const sent = await Promise.allSettled([
      raw(ok, 'order-1', 'v1'),
      raw(ok, 'order-1', 'v2'),
      raw(strict, 'big', 'x'.repeat(5000)),
    ]);
    expect(sent.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    await raw(ok, 'order-1', 'v3');
    await producer.close();

    const values = await topicValues(client, ok);

    // what a consumer of order-1 sees, in offset order: never an older version after a newer one
    const regressions = values.filter((v, i) => values.slice(0, i).some((earlier) => earlier > v));
    expect(regressions, `order-1 reads ${JSON.stringify(values)}`).toEqual([]);
  });
});
