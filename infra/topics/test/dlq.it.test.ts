// The dead-letter tool on the real broker and registry, in a KAFKA_NAMESPACE of its own: a group consumer
// (as a service runs it) dead-letters two records with a permanent error, `list` reports them, and once
// the handler is fixed, replaying one by key delivers it exactly once with its original key and value
// while the other stays in the DLQ untouched. A magento-ingest dead letter (stage map) is skipped with the
// reason, and the CLI itself lists and refuses as documented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, toolStackEnv } from '../../../test/support/tools';
import { pino } from 'pino';
import {
  AppError,
  createAvroSerde,
  createGroupConsumer,
  createProducer,
  deadLetterSchema,
  retryDlqTopics,
  sourceDeadLetter,
  type AvroSchemaJson,
  type AvroSerde,
  type GroupConsumer,
  type Headers,
  type InboundMessage,
  type KafkaClient,
  type Producer,
} from '@m3mage/runtime';
import {
  createTestTopics,
  sleep,
  testKafkaClient,
  testNamespace,
  testStack,
  waitFor,
} from '../../../test/support/kafka-rig';
import { formatList } from '../dlq/format';
import { listDeadLetters } from '../dlq/list';
import { readDeadLetters } from '../dlq/read';
import { replayFromDlq } from '../dlq/replay-command';
import { openDlqSession, type DlqSession } from '../dlq/session';
import { dlqSource, dlqSources } from '../dlq/sources';

const eventSchema: AvroSchemaJson = {
  type: 'record',
  name: 'DlqToolEvent',
  namespace: 'm3mage.test',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'seq', type: 'int' },
  ],
};
interface Event {
  id: string;
  seq: number;
}
interface Handled {
  key: string | null;
  value: Event | null;
  headers: Headers;
  attempt: number;
}

const ns = testNamespace('it-dlq');
const source = `${ns}cdc.dlq-tool.v1`;
const transformer = dlqSource('transformer', ns);
const ingest = dlqSource('magento-ingest', ns);
const replayedAt = new Date('2030-01-02T03:04:05.000Z');

/** Runs the CLI as ops do (`npm run dlq` is `tsx infra/topics/dlq/cli.ts`), in this test's namespace. */
const cli = (args: string[]) => runTool('infra/topics/dlq/cli.ts', args, toolStackEnv(ns));

describe('npm run dlq on the real broker', () => {
  let client: KafkaClient;
  let serde: AvroSerde;
  let producer: Producer;
  let consumer: GroupConsumer;
  let session: DlqSession;
  let broken = true;
  const handled: Handled[] = [];
  const sent = new Map<string, { partition: number; offset: string }>();

  const dlqEnd = async (topic: string): Promise<number> => {
    const admin = client.kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    client = testKafkaClient('it-dlq');
    const group = `${ns}transformer`;
    await createTestTopics([source], 2, client);
    await createTestTopics([...retryDlqTopics(group, 1)], 1, client);
    await createTestTopics(
      dlqSources(ns)
        .map((s) => s.topic)
        .filter((t) => t !== transformer.topic),
      1,
      client,
    );
    serde = createAvroSerde({ registryUrl: testStack().registryUrl });
    await serde.register(source, eventSchema);
    producer = createProducer({ client, serde, logger: pino({ level: 'silent' }), lingerMs: 5 });
    await producer.connect();

    consumer = createGroupConsumer<Event>({
      client,
      service: 'transformer',
      groupId: group,
      topics: [source],
      serde,
      producer,
      logger: pino({ level: 'silent' }),
      tierDelaysMs: [200],
      fromBeginning: true,
      handler: async (m: InboundMessage<Event>) => {
        if (broken && m.key?.startsWith('bad-'))
          throw new AppError('MAPPING_UNMAPPABLE', `no warehouse for ${m.key}: source XYZ is not mapped`);
        handled.push({ key: m.key, value: m.value, headers: m.headers, attempt: m.attempt });
        return { outcome: 'ack' };
      },
    });
    await consumer.start();

    for (const [key, seq] of [
      ['ok-1', 1],
      ['bad-1', 1],
      ['bad-2', 2],
    ] as const) {
      const d = await producer.send<Event>({
        topic: source,
        key,
        value: { id: key, seq },
        meta: { correlationId: `corr-${key}`, eventType: 'DlqToolEvent', sourceSystem: 'M3' as const },
      });
      sent.set(key, { partition: d.partition, offset: d.offset });
    }

    // magento-ingest's kind of dead letter: read from Magento REST, not from Kafka.
    await serde.register(ingest.topic, deadLetterSchema());
    const letter = sourceDeadLetter({
      source: 'magento-rest:/V1/orders/42',
      key: '100000042',
      value: Buffer.from(JSON.stringify({ entity: 'order', entityId: 42, incrementId: '100000042' })),
      error: new AppError('MAPPING_UNMAPPABLE', 'order 100000042 has no billing address'),
      attempts: 1,
      at: new Date(),
      who: { service: 'magento-ingest', group: 'magento-ingest' },
    });
    await producer.sendRaw({
      topic: ingest.topic,
      key: '100000042',
      value: await serde.encode(ingest.topic, letter.value),
      headers: letter.headers,
    });

    await waitFor(() => handled.some((h) => h.key === 'ok-1'), 60_000, 'ok-1 handled');
    await waitFor(async () => (await dlqEnd(transformer.topic)) === 2, 60_000, 'two dead letters');
    session = openDlqSession(testStack(), { clientId: 'it-dlq-tool' });
  });

  afterAll(async () => {
    await consumer?.stop();
    await session?.close();
    await producer?.close();
  });

  it('lists the dead letters of every service, with their facts and counts', async () => {
    const listed = await listDeadLetters(session, dlqSources(ns));
    expect(listed.map((s) => [s.service, s.records?.length])).toEqual([
      ['transformer', 2],
      ['m3-writer', 0],
      ['magento-writer', 0],
      ['magento-ingest', 1],
      ['m3-ion-ingest', 0],
    ]);
    const letters = listed[0]?.records ?? [];
    expect(letters.map((r) => r.offset)).toEqual(['0', '1']);
    for (const key of ['bad-1', 'bad-2']) {
      const r = letters.find((x) => x.key === key);
      expect(r?.headers['x-error-code']).toBe('MAPPING_UNMAPPABLE');
      expect(r?.letter).toMatchObject({
        originalTopic: source,
        originalPartition: sent.get(key)?.partition,
        originalOffset: Number(sent.get(key)?.offset),
        originalKey: key,
        errorClass: 'permanent',
        errorCode: 'MAPPING_UNMAPPABLE',
        errorMessage: `no warehouse for ${key}: source XYZ is not mapped`,
        stage: 'handler',
        attempts: 1,
        service: 'transformer',
        group: `${ns}transformer`,
      });
    }
    expect(listed[3]?.records?.[0]?.letter).toMatchObject({ stage: 'map', originalPartition: -1 });

    const text = formatList(listed);
    expect(text).toContain(`transformer (${transformer.topic}): 2 dead letters`);
    expect(text).toMatch(
      new RegExp(
        ` {2}\\d {2}key=bad-1 {2}\\S+Z {2}handler {2}MAPPING_UNMAPPABLE {2}attempts=1 {2}${source.replace(/\./g, '\\.')}\\[`,
      ),
    );
    expect(text).toContain(
      'dead letters: transformer 2, m3-writer 0, magento-writer 0, magento-ingest 1, m3-ion-ingest 0 (total 3)',
    );
  });

  it('gives up reading with a clear error when the DLQ cannot be read in time', async () => {
    await expect(readDeadLetters(client, serde, transformer.topic, { timeoutMs: 1 })).rejects.toThrow(
      `timed out after 0.001 s reading ${transformer.topic}; not read yet: partition 0 up to offset 1`,
    );
  });

  it('`npm run dlq -- list` prints the same and exits 0; usage errors exit 2', async () => {
    const list = await cli(['list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(`transformer (${transformer.topic}): 2 dead letters`);
    expect(list.stdout).toContain(`magento-ingest (${ingest.topic}): 1 dead letter`);
    expect(list.stdout).toContain('(not replayable: read from magento-rest:/V1/orders/42 (stage map)');
    expect(list.stdout).toContain(
      'dead letters: transformer 2, m3-writer 0, magento-writer 0, magento-ingest 1, m3-ion-ingest 0 (total 3)',
    );
    console.log(`npm run dlq -- list (KAFKA_NAMESPACE=${ns}):\n${list.stdout}`);

    const one = await cli(['list', '--service', 'transformer', '--limit', '1']);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain('… 1 older not shown');
    expect(one.stdout).toContain('dead letters: transformer 2 (total 2)');

    const noSelector = await cli(['replay', '--service', 'transformer']);
    expect(noSelector.code).toBe(2);
    expect(noSelector.stderr).toContain('say which dead letters to replay');
    const unknown = await cli(['replay', '--service', 'billing', '--all']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown service "billing"');
  });

  it('replays one dead letter by key once the handler is fixed: handled exactly once, the other untouched', async () => {
    broken = false;
    const before = await readDeadLetters(client, serde, transformer.topic);
    const target = before.find((r) => r.key === 'bad-1');
    const other = before.find((r) => r.key === 'bad-2');

    const dry = await replayFromDlq(session, transformer, { kind: 'key', key: 'bad-1' }, { dryRun: true });
    expect(dry.report.replayed.map((r) => r.key)).toEqual(['bad-1']);

    const { report, notFound } = await replayFromDlq(
      session,
      transformer,
      { kind: 'key', key: 'bad-1' },
      { now: () => replayedAt },
    );
    expect(notFound).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(report.failed).toEqual([]);
    expect(report.replayed).toHaveLength(1);
    expect(report.replayed[0]?.delivery).toMatchObject({ topic: source, partition: sent.get('bad-1')?.partition });

    await waitFor(() => handled.some((h) => h.key === 'bad-1'), 60_000, 'the replayed record handled');
    await sleep(2000); // time for a second delivery, which must not come
    const bad1 = handled.filter((h) => h.key === 'bad-1');
    expect(bad1).toHaveLength(1);
    expect(bad1[0]?.value).toEqual({ id: 'bad-1', seq: 1 });
    expect(bad1[0]?.attempt).toBe(1);
    expect(bad1[0]?.headers).toMatchObject({
      'x-replayed-from': `${transformer.topic}:${target?.partition}:${target?.offset}`,
      'x-replayed-at': replayedAt.toISOString(),
      attempt: '1',
      'correlation-id': 'corr-bad-1',
      'event-type': 'DlqToolEvent',
    });
    expect(handled.filter((h) => h.key === 'bad-2')).toEqual([]);
    expect(handled.filter((h) => h.key === 'ok-1')).toHaveLength(1);

    // The DLQ is as it was: no new dead letter, bad-2 still there as written.
    const after = await readDeadLetters(client, serde, transformer.topic);
    expect(after).toEqual(before);
    expect(after.find((r) => r.key === 'bad-2')).toEqual(other);
  });

  it('skips a magento-ingest dead letter (stage map) with the reason and produces nothing', async () => {
    const { report } = await replayFromDlq(session, ingest, { kind: 'all' });
    expect(report.replayed).toEqual([]);
    expect(report.skipped).toEqual([
      {
        from: `${ingest.topic}:0:0`,
        key: '100000042',
        reason:
          'read from magento-rest:/V1/orders/42 (stage map), not from Kafka: fix it in the source system; its next version flows by itself',
      },
    ]);
    const skipped = await cli(['replay', '--service', 'magento-ingest', '--all']);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stdout).toContain('magento-ingest (' + ingest.topic + '): 0 replayed, 1 skipped (1 × read from');
  });
});
