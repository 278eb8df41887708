// The redrive on the real broker and registry, in a KAFKA_NAMESPACE of its own. Dead letters are written by
// the runtime's own failure router (handler, decode and retry-exhausted stages, at set times, from two
// topics), then: `list` and `replay --dry-run` with combined filters pick exactly the expected ones; a replay
// stopped part-way and resumed produces each record exactly once, and a third --resume says the job is done;
// a record whose handler keeps failing (a real group consumer) comes back to the DLQ with x-replay-count 1,
// 2, 3, is then stopped and reported instead of replayed, and --force replays it once more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, toolStackEnv } from '../../../test/support/tools';
import { pino } from 'pino';
import {
  AppError,
  createAvroSerde,
  createFailureRouter,
  createGroupConsumer,
  createKeyLanes,
  createProducer,
  deadLetterSchema,
  retryDlqTopics,
  retryTopic,
  type AvroSchemaJson,
  type AvroSerde,
  type ConsumedRecord,
  type ErrorCode,
  type GroupConsumer,
  type KafkaClient,
  type Producer,
} from '@m3mage/runtime';
import { TOPIC } from '@m3mage/topics/catalogue';
import {
  createTestTopics,
  readRecords,
  sleep,
  testKafkaClient,
  testNamespace,
  testStack,
  waitFor,
} from '../../../test/support/kafka-rig';
import { readDeadLetters, type DlqRecord } from '../dlq/read';
import { replayFromDlq } from '../dlq/replay-command';
import { selectorOf } from '../dlq/select';
import { openDlqSession, type DlqSession } from '../dlq/session';
import { dlqSource } from '../dlq/sources';

const eventSchema: AvroSchemaJson = {
  type: 'record',
  name: 'DlqRedriveEvent',
  namespace: 'm3mage.test',
  fields: [{ name: 'id', type: 'string' }],
};

const ns = testNamespace('it-dlq-redrive');
const group = `${ns}transformer`;
const topicA = `${ns}cdc.dlq-redrive-a.v1`;
const topicB = `${ns}cdc.dlq-redrive-b.v1`;
const loopTopic = `${ns}cdc.dlq-redrive-loop.v1`;
const transformer = dlqSource('transformer', ns);

/** The dead letters the failure router writes, in DLQ order (offsets 0…4). */
const planted: {
  key: string;
  topic: string;
  code: ErrorCode;
  stage: 'handler' | 'decode' | 'retry-exhausted';
  at: string;
}[] = [
  { key: '100000041', topic: topicA, code: 'MAPPING_UNMAPPABLE', stage: 'handler', at: '2030-01-01T10:00:00Z' },
  { key: '100000042', topic: topicA, code: 'SCHEMA_DECODE', stage: 'decode', at: '2030-01-01T10:10:00Z' },
  { key: '200000042', topic: topicB, code: 'MAPPING_UNMAPPABLE', stage: 'retry-exhausted', at: '2030-01-01T10:20:00Z' },
  { key: '100000043', topic: topicB, code: 'MAPPING_UNMAPPABLE', stage: 'handler', at: '2030-01-01T10:30:00Z' },
  { key: '100000044', topic: topicA, code: 'M3_NOK', stage: 'handler', at: '2030-01-01T11:00:00Z' },
];

const cli = (args: string[]) => runTool('infra/topics/dlq/cli.ts', args, toolStackEnv(ns));

describe('npm run dlq redrive on the real broker', () => {
  let client: KafkaClient;
  let serde: AvroSerde;
  let producer: Producer;
  let consumer: GroupConsumer;
  let session: DlqSession;
  /** The x-replay-count of every delivery of the looping record (undefined: the first, not a replay). */
  const loopSeen: (string | undefined)[] = [];

  const dlqEnd = async (): Promise<number> => {
    const admin = client.kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(transformer.topic)).reduce((n, p) => n + Number(p.high), 0);
    } finally {
      await admin.disconnect();
    }
  };
  const letters = (): Promise<DlqRecord[]> => readDeadLetters(client, serde, transformer.topic);

  beforeAll(async () => {
    client = testKafkaClient('it-dlq-redrive');
    await createTestTopics([topicA, topicB, loopTopic], 1, client);
    await createTestTopics([...retryDlqTopics(group, 1), `${ns}${TOPIC.stateBackfill}`], 1, client);
    serde = createAvroSerde({ registryUrl: testStack().registryUrl });
    for (const t of [topicA, topicB, loopTopic]) await serde.register(t, eventSchema);
    await serde.register(transformer.topic, deadLetterSchema());
    producer = createProducer({ client, serde, logger: pino({ level: 'silent' }), lingerMs: 5 });
    await producer.connect();

    // The runtime's failure router, with its clock set to each dead letter's time.
    let now = new Date(0);
    const router = createFailureRouter({
      group,
      service: 'transformer',
      producer,
      serde,
      lanes: createKeyLanes(),
      tierDelaysMs: [200],
      now: () => now,
    });
    for (const p of planted) {
      const value = await serde.encode(p.topic, { id: p.key });
      const headers = { 'correlation-id': `corr-${p.key}`, 'event-type': 'DlqRedriveEvent', attempt: '1' };
      const d = await producer.sendRaw({ topic: p.topic, key: p.key, value, headers });
      const consumed: ConsumedRecord = {
        topic: p.topic,
        partition: d.partition,
        offset: d.offset,
        key: Buffer.from(p.key),
        value,
        headers,
      };
      now = new Date(p.at);
      const error = new AppError(p.code, `${p.code} for ${p.key}`);
      if (p.stage === 'retry-exhausted') {
        // as read from the last retry tier: the router sends it on to the DLQ
        const inRetry: ConsumedRecord = {
          ...consumed,
          topic: retryTopic(group, 1),
          offset: '0',
          headers: {
            ...headers,
            attempt: '2',
            'x-original-topic': p.topic,
            'x-original-partition': String(d.partition),
            'x-original-offset': d.offset,
          },
        };
        await router.retry(inRetry, error);
      } else await router.deadLetter(consumed, error, p.stage);
    }

    // A consumer of the loop topic whose handler keeps failing (as a service runs it).
    consumer = createGroupConsumer<{ id: string }>({
      client,
      service: 'transformer',
      groupId: group,
      topics: [loopTopic],
      serde,
      producer,
      logger: pino({ level: 'silent' }),
      tierDelaysMs: [200],
      fromBeginning: true,
      handler: async (m) => {
        loopSeen.push(m.headers['x-replay-count']);
        throw new AppError('MAPPING_UNMAPPABLE', `still no warehouse for ${m.key}`);
      },
    });
    await consumer.start();
    session = openDlqSession(testStack(), { clientId: 'it-dlq-redrive-tool' });
    await waitFor(async () => (await dlqEnd()) === planted.length, 30_000, 'the planted dead letters');
  });

  afterAll(async () => {
    await consumer?.stop();
    await session?.close();
    await producer?.close();
  });

  it('has the planted dead letters with the stage and time the router wrote', async () => {
    const read = await letters();
    expect(read.map((r) => [r.offset, r.key, r.letter?.stage, r.letter?.errorCode, r.letter?.failedAt])).toEqual(
      planted.map((p, i) => [String(i), p.key, p.stage, p.code, Date.parse(p.at)]),
    );
    expect(read.map((r) => r.headers['x-error-stage'])).toEqual(planted.map((p) => p.stage));
  });

  it('`list` with combined filters prints exactly the matching dead letters; no match exits 1 naming the filters', async () => {
    const list = await cli([
      'list',
      '--service',
      'transformer',
      '--code',
      'MAPPING_UNMAPPABLE,M3_NOK',
      '--stage',
      'handler',
      '--key',
      '1000000*',
      '--until',
      '2030-01-01T10:45:00Z',
    ]);
    expect(list.code, list.stderr).toBe(0);
    const lines = list.stdout.split('\n');
    expect(lines[0]).toBe(
      `transformer (${transformer.topic}): 2 dead letters of 5 match --key 1000000* --code MAPPING_UNMAPPABLE,M3_NOK ` +
        '--stage handler --until 2030-01-01T10:45:00.000Z',
    );
    expect(lines.filter((l) => /^ {2}\d/.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 2))).toEqual([
      ['0', 'key=100000041'],
      ['3', 'key=100000043'],
    ]);

    const none = await cli(['list', '--service', 'transformer', '--stage', 'decode', '--code', 'M3_NOK']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`[dlq] no dead letter matches --code M3_NOK --stage decode in ${transformer.topic}`);
    const bad = await cli(['list', '--stage', 'later']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--stage "later" is not a stage: one of decode, handler, retry-exhausted, map');
  });

  it('`replay --dry-run` with combined filters shows what would be replayed, per topic and code, and produces nothing', async () => {
    const before = await dlqEnd();
    const selector = selectorOf({ code: 'MAPPING_UNMAPPABLE,SCHEMA_DECODE', since: '2030-01-01T10:05:00Z' });
    const { report, notFound } = await replayFromDlq(session, transformer, selector, { dryRun: true });
    expect(notFound).toEqual([]);
    expect(report.replayed.map((r) => [r.from, r.record.topic, r.code])).toEqual([
      [`${transformer.topic}:0:1`, topicA, 'SCHEMA_DECODE'],
      [`${transformer.topic}:0:2`, topicB, 'MAPPING_UNMAPPABLE'],
      [`${transformer.topic}:0:3`, topicB, 'MAPPING_UNMAPPABLE'],
    ]);

    const dry = await cli([
      'replay',
      '--service',
      'transformer',
      '--code',
      'MAPPING_UNMAPPABLE,SCHEMA_DECODE',
      '--since',
      '2030-01-01T10:05:00Z',
      '--dry-run',
      '--limit',
      '1',
    ]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.split('\n').filter(Boolean)).toEqual([
      `would replay 1 to ${topicA} (SCHEMA_DECODE 1)`,
      `would replay 2 to ${topicB} (MAPPING_UNMAPPABLE 2)`,
      `would replay  ${transformer.topic}:0:1  key=100000042  → ${topicA}  (${report.replayed[0]?.record.value?.length} bytes, replay 1)`,
      '  … 2 more not shown (--limit N)',
      `transformer (${transformer.topic}): 3 would replay, 0 skipped — dry run, nothing produced`,
    ]);
    const nothing = await cli(['replay', '--service', 'transformer', '--stage', 'decode', '--key', '2*', '--dry-run']);
    expect(nothing.code).toBe(1);
    expect(nothing.stdout).toContain(
      'not found  dead letters matching --key 2* and --stage decode (--key 2* alone: 1, --stage decode alone: 1)',
    );
    await sleep(500);
    expect(await dlqEnd()).toBe(before);
    for (const t of [topicA, topicB]) {
      const copies = (await readRecords({ kafka: client, serde }, t)).filter((r) => r.headers['x-replayed-from']);
      expect(copies).toEqual([]);
    }
  });

  it('a replay stopped part-way and resumed replays each dead letter exactly once; a third run says it is done', async () => {
    const selector = selectorOf({ since: '2030-01-01T00:00:00Z' }); // the five planted ones
    const first = await replayFromDlq(session, transformer, selector, { every: 1, limit: 2 });
    expect(first.job?.outcome).toBe('stopped');
    expect(first.report.replayed.map((r) => r.from)).toEqual([0, 1].map((o) => `${transformer.topic}:0:${o}`));
    expect(first.job?.points.map((p) => [p.partition, p.lastOffset, p.done])).toEqual([[0, 1n, false]]);

    const resumed = await replayFromDlq(session, transformer, selector, { every: 1, resume: true });
    expect(resumed.job?.outcome).toBe('done');
    expect(resumed.report.replayed.map((r) => r.from)).toEqual([2, 3, 4].map((o) => `${transformer.topic}:0:${o}`));

    const again = await cli(['replay', '--service', 'transformer', '--since', '2030-01-01T00:00:00Z', '--resume']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(
      /^job dlq:transformer:[0-9a-f]{12} is already done \(5 dead letters gone through, 5 replayed\)/m,
    );

    const copies = [
      ...(await readRecords({ kafka: client, serde }, topicA)),
      ...(await readRecords({ kafka: client, serde }, topicB)),
    ].filter((r) => r.headers['x-replayed-from']);
    expect(copies.map((r) => r.headers['x-replayed-from']).sort()).toEqual(
      planted.map((_, i) => `${transformer.topic}:0:${i}`),
    );
    for (const c of copies) {
      expect(c.headers['x-replay-count']).toBe('1');
      expect(c.value).toEqual({ id: c.key });
    }

    const noJob = await cli(['replay', '--service', 'transformer', '--code', 'M3_NOK', '--resume']);
    expect(noJob.code).toBe(1);
    expect(noJob.stderr).toMatch(
      /^\[dlq\] no checkpoint of job dlq:transformer:\w+ to resume: run it without --resume$/m,
    );
  });

  it('a record that keeps failing comes back with its replay count, is stopped at the maximum, and --force overrides', async () => {
    const loop = selectorOf({ key: 'loop-*' });
    await producer.send({
      topic: loopTopic,
      key: 'loop-1',
      value: { id: 'loop-1' },
      meta: { correlationId: 'corr-loop-1', eventType: 'DlqRedriveEvent', sourceSystem: 'M3' as const },
    });
    let end = planted.length + 1;
    await waitFor(async () => (await dlqEnd()) === end, 60_000, 'the first dead letter of loop-1');

    for (const count of [1, 2, 3]) {
      const { report } = await replayFromDlq(session, transformer, loop);
      expect(report.replayed.map((r) => r.record.headers['x-replay-count'])).toEqual([String(count)]);
      // every earlier dead letter of loop-1 failed again after its replay: skipped, not replayed twice
      expect(report.skipped.map((s) => s.reason)).toEqual(
        Array.from(
          { length: count - 1 },
          () => 'replayed before and failed again: the later dead letter is replayed instead',
        ),
      );
      end += 1;
      await waitFor(async () => (await dlqEnd()) === end, 60_000, `loop-1 failing after replay ${count}`);
      const last = (await letters()).at(-1);
      expect(last?.letter?.originalHeaders['x-replay-count']).toBe(String(count));
      expect(last?.headers['x-replay-count']).toBe(String(count)); // and readable in Kafka UI
      expect(last?.letter?.originalHeaders['x-replayed-from']).toBe(report.replayed[0]?.from);
    }
    expect(loopSeen).toEqual([undefined, '1', '2', '3']);

    const stopped = await cli(['replay', '--service', 'transformer', '--key', 'loop-*']);
    expect(stopped.code, stopped.stderr).toBe(0);
    expect(stopped.stdout).toContain(
      `stopped   ${transformer.topic}:0:${end - 1}  key=loop-1  stopped: replayed 3 times, still failing ` +
        '(last error MAPPING_UNMAPPABLE: still no warehouse for loop-1)',
    );
    expect(stopped.stdout).toContain(
      `transformer (${transformer.topic}): 0 replayed, 3 skipped (3 × replayed before and failed again: the later ` +
        'dead letter is replayed instead), 1 stopped',
    );
    expect(stopped.stdout).toContain(
      `skipped   ${transformer.topic}:0:${end - 2}  key=loop-1  replayed before and failed again: the later dead ` +
        `letter is replayed instead (failed again as ${transformer.topic}:0:${end - 1})`,
    );
    expect(stopped.stdout).toContain(', 1 stopped (replayed the maximum number of times, still failing; --force');
    await sleep(1500);
    expect(await dlqEnd()).toBe(end);
    expect(loopSeen).toHaveLength(4);

    const forced = await replayFromDlq(session, transformer, loop, { force: true });
    expect(forced.report.replayed.map((r) => r.record.headers['x-replay-count'])).toEqual(['4']);
    await waitFor(() => loopSeen.length === 5, 60_000, 'the forced replay handled');
    expect(loopSeen.at(-1)).toBe('4');
  });
});
