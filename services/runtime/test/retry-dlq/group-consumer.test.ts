// What createGroupConsumer decides before any broker is involved: its topics, its state before start, and
// that start registers the DLQ schema first. A real KafkaJS client is built but never connects; the retry
// tiers and the DLQ on the broker are tested in test/kafka/retry-dlq.it.test.ts.
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createKafkaClient } from '../../src/kafka/client';
import type { AvroSchemaJson, AvroSerde } from '../../src/serde/avro-serde';
import { deadLetterSchema } from '../../src/retry-dlq/dead-letter';
import { createGroupConsumer } from '../../src/retry-dlq/group-consumer';

const logger = pino({ level: 'silent' });

function refusingSerde(): AvroSerde & { registered: [string, AvroSchemaJson][] } {
  const registered: [string, AvroSchemaJson][] = [];
  return {
    registered,
    register(topic, schema) {
      registered.push([topic, schema]);
      return Promise.reject(new Error('registry down'));
    },
    schemaId: () => Promise.reject(new Error('not used')),
    encode: () => Promise.reject(new Error('not used')),
    decode: () => Promise.reject(new Error('not used')),
  };
}

function groupConsumer(tierDelaysMs?: readonly number[]) {
  const serde = refusingSerde();
  const consumer = createGroupConsumer({
    // Nothing listens there, and nothing in these tests connects.
    client: createKafkaClient({ clientId: 'unit', brokers: ['127.0.0.1:9'], logger }),
    service: 'svc',
    groupId: 'g',
    topics: ['orders'],
    handler: () => Promise.resolve({ outcome: 'ack' as const }),
    serde,
    producer: {
      connect: () => Promise.resolve(),
      send: () => Promise.reject(new Error('not used')),
      sendRaw: () => Promise.reject(new Error('not used')),
      flush: () => Promise.resolve(),
      close: () => Promise.resolve(),
    },
    logger,
    ...(tierDelaysMs ? { tierDelaysMs } : {}),
  });
  return { consumer, serde };
}

describe('group consumer', () => {
  it('names one retry topic per tier delay, then the DLQ', () => {
    expect(groupConsumer([200, 400]).consumer.retryDlqTopics).toEqual(['g.retry.1', 'g.retry.2', 'g.dlq']);
    expect(groupConsumer().consumer.retryDlqTopics).toEqual(['g.retry.1', 'g.retry.2', 'g.retry.3', 'g.dlq']);
  });

  it('is not connected, paused nothing and counted nothing before it starts', () => {
    const { consumer } = groupConsumer();
    expect(consumer.isConnected()).toBe(false);
    expect(consumer.paused()).toEqual([]);
    expect(consumer.stats()).toEqual({ groupJoins: 0, crashes: 0 });
    expect(consumer.main).not.toBe(consumer.retry);
  });

  it('registers the DeadLetter schema for `<group>.dlq` before starting either runner', async () => {
    const { consumer, serde } = groupConsumer();
    await expect(consumer.start()).rejects.toThrow('registry down');
    expect(serde.registered).toEqual([['g.dlq', deadLetterSchema()]]);
    expect(consumer.isConnected()).toBe(false);
  });
});
