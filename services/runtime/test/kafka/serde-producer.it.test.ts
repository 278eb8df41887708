// Avro serde against the real registry (Apicurio, Confluent API) and the batching producer on the real broker.
import { describe, expect, it } from 'vitest';
import { testStack } from '../../../../test/support/env';
import { ensureTopics } from '../../src/kafka/admin';
import { createProducer } from '../../src/kafka/producer';
import { createAvroSerde } from '../../src/serde/avro-serde';
import { schemaIdOf } from '../../src/serde/wire-format';
import {
  createTopics,
  meta,
  testClient,
  testEventSchema,
  testLogger,
  topicValues,
  uniqueName,
  type TestEvent,
} from './support';

describe('avro serde on the real registry', () => {
  it('registers <topic>-value with BACKWARD compatibility and round-trips values in the wire format', async () => {
    const { registryUrl } = testStack();
    const serde = createAvroSerde({ registryUrl });
    const topic = uniqueName('it.serde');
    const id = await serde.register(topic, testEventSchema);
    expect(await serde.register(topic, testEventSchema)).toBe(id);

    const bytes = await serde.encode(topic, { id: 'a', seq: 7 });
    expect(bytes[0]).toBe(0);
    expect(schemaIdOf(bytes)).toBe(id);
    expect(await serde.decode(bytes)).toEqual({ id: 'a', seq: 7 });

    const config = (await (await fetch(`${registryUrl}/config/${topic}-value`)).json()) as Record<string, string>;
    expect(config.compatibilityLevel ?? config.compatibility).toBe('BACKWARD');

    // A second serde (another process) finds the id through the subject's latest version.
    const other = createAvroSerde({ registryUrl });
    expect(await other.schemaId(topic)).toBe(id);
    expect(await other.decode(bytes)).toEqual({ id: 'a', seq: 7 });
  });

  it('rejects a BACKWARD-incompatible schema and values that do not match', async () => {
    const serde = createAvroSerde({ registryUrl: testStack().registryUrl });
    const topic = uniqueName('it.serde');
    await serde.register(topic, testEventSchema);
    const incompatible = {
      ...testEventSchema,
      fields: [...testEventSchema.fields, { name: 'required', type: 'string' }],
    };
    await expect(serde.register(topic, incompatible)).rejects.toThrow();
    await expect(serde.encode(topic, { id: 1 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(serde.decode(Buffer.from('not avro'))).rejects.toMatchObject({ code: 'SCHEMA_DECODE' });
  });
});

describe('batching producer on the real broker', () => {
  it('batches, acknowledges every record with its own offset, and writes the standard headers', async () => {
    const client = testClient();
    const topic = uniqueName('it.producer');
    await createTopics(client, [topic], 3);
    const serde = createAvroSerde({ registryUrl: testStack().registryUrl });
    await serde.register(topic, testEventSchema);
    const producer = createProducer({ client, serde, logger: testLogger(), lingerMs: 20, maxBatchMessages: 200 });
    await producer.connect();

    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        producer.send<TestEvent>({
          topic,
          key: `k${i % 50}`,
          value: { id: `k${i % 50}`, seq: i },
          meta: meta(`c${i}`),
        }),
      ),
    );
    const tombstone = await producer.send({ topic, key: 'k1', value: null, meta: meta('gone') });
    await producer.close();

    // offsets are unique per partition and dense from 0
    const perPartition = new Map<number, string[]>();
    for (const d of [...results, tombstone])
      perPartition.set(d.partition, [...(perPartition.get(d.partition) ?? []), d.offset]);
    let total = 0;
    for (const offsets of perPartition.values()) {
      const sorted = offsets.map(Number).sort((a, b) => a - b);
      expect(sorted).toEqual(sorted.map((_, i) => i));
      total += sorted.length;
    }
    expect(total).toBe(1001);

    // read back: values decode, headers are there, per-key order kept
    const consumer = client.kafka.consumer({ groupId: uniqueName('it.producer.check') });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const seen: { key: string; value: unknown; headers: Record<string, string> }[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
          seen.push({
            key: String(message.key),
            value: message.value ? await serde.decode(message.value) : null,
            headers,
          });
          if (seen.length === 1001) resolve();
        },
      });
    });
    await consumer.disconnect();
    const first = seen.find((s) => s.value !== null);
    expect(first?.headers).toMatchObject({ 'event-type': 'TestEvent', 'source-system': 'M3', attempt: '1' });
    expect(Object.keys(first?.headers ?? {})).toEqual(
      expect.arrayContaining(['correlation-id', 'causation-id', 'occurred-at']),
    );
    for (let k = 0; k < 50; k += 1) {
      const seqs = seen.filter((s) => s.key === `k${k}` && s.value).map((s) => (s.value as TestEvent).seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(seqs).toHaveLength(20);
    }
    expect(seen.filter((s) => s.value === null)).toHaveLength(1);
  });
});

describe('batching producer and records the broker would refuse', () => {
  it("refuses a record larger than its topic's max.message.bytes on its own; its batch-mates are written once", async () => {
    const client = testClient();
    const [ok, strict] = [uniqueName('it.producer.ok'), uniqueName('it.producer.strict')];
    await ensureTopics(client, [
      { topic: ok, partitions: 1 },
      { topic: strict, partitions: 1, config: { 'max.message.bytes': '2000' } },
    ]);
    const producer = createProducer({ client, logger: testLogger(), lingerMs: 50 });
    await producer.connect();
    const raw = (topic: string, value: string) =>
      producer.sendRaw({ topic, key: 'k', value: Buffer.from(value), headers: {} });

    await raw(ok, 'a0');
    const mixed = await Promise.allSettled([raw(ok, 'a1'), raw(strict, 'x'.repeat(5000)), raw(ok, 'a2')]);
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((mixed[1] as PromiseRejectedResult).reason).toMatchObject({
      code: 'KAFKA_RECORD_REJECTED',
      retriable: false,
    });
    await raw(ok, 'a3');
    await producer.close();
    expect(await topicValues(client, ok)).toEqual(['a0', 'a1', 'a2', 'a3']);
  });

  it('keeps every later record when the broker refuses a batch anyway (the limit was lowered after it was read)', async () => {
    const client = testClient();
    const [ok, strict] = [uniqueName('it.producer.ok'), uniqueName('it.producer.lowered')];
    await ensureTopics(client, [
      { topic: ok, partitions: 1 },
      { topic: strict, partitions: 1 },
    ]);
    const producer = createProducer({ client, logger: testLogger(), lingerMs: 50 });
    await producer.connect();
    const raw = (topic: string, value: string) =>
      producer.sendRaw({ topic, key: null, value: Buffer.from(value), headers: {} });
    await Promise.all([raw(ok, 'a0'), raw(strict, 's0')]); // the producer has read both limits (1 MB)
    const admin = client.kafka.admin();
    await admin.connect();
    await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: 2, name: strict, configEntries: [{ name: 'max.message.bytes', value: '2000' }] }],
    });
    // the broker serves the new topic config (what the producer's refusal depends on), not a guess of 500 ms
    for (let applied = false; !applied;) {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 2, name: strict, configNames: ['max.message.bytes'] }],
      });
      applied = resources[0]?.configEntries[0]?.configValue === '2000';
    }
    await admin.disconnect();

    // one request: a1 and b1 are appended, the big record is refused (MESSAGE_TOO_LARGE), the request fails as
    // a whole; sent again one by one with a new producer id, a1 and b1 are acknowledged (written twice:
    // at-least-once) and only the big record fails
    const mixed = await Promise.allSettled([raw(ok, 'a1'), raw(ok, 'b1'), raw(strict, 'x'.repeat(5000))]);
    expect(mixed.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect((mixed[2] as PromiseRejectedResult).reason).toMatchObject({ code: 'KAFKA_RECORD_REJECTED' });
    // KafkaJS rolls back the sequence of the partition it had appended to: without a new producer id the
    // broker acked the next record as a duplicate and never wrote it
    for (const v of ['a2', 'a3']) await raw(ok, v);
    await producer.close();
    const values = await topicValues(client, ok);
    console.log(`after a refused request: topic holds ${JSON.stringify(values)}`);
    for (const v of ['a0', 'a1', 'b1', 'a2', 'a3']) expect(values, `record ${v}`).toContain(v);
    expect(values.filter((v) => v === 'a2' || v === 'a3')).toEqual(['a2', 'a3']);
  });
});
