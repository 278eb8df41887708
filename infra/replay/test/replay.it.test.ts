// `replay` on the real broker and registry, in a KAFKA_NAMESPACE of its own: Magento order changes (Avro,
// schemas/) written at known times, and the commands the transformer's real handler made of them (one emitted
// log over the whole stream, as the live service keeps it; each command a second after its change). Then:
// --dry-run counts exactly the window; --live re-produces exactly its records with the replay headers, and a
// run stopped after 2 records then resumed produces none twice; --shadow reports no difference against the
// real mapping's commands, and the differences a changed mapping (injected) would make.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createAvroSerde,
  standardHeaders,
  type AvroSchemaJson,
  type AvroSerde,
  type Handler,
  type KafkaClient,
} from '@m3mage/runtime';
import type { Change, Order } from '@m3mage/schemas/types';
import { schemaForTopic } from '@m3mage/topics';
import { TOPIC } from '@m3mage/topics/catalogue';
import type { Producer as KafkaProducer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, toolStackEnv } from '../../../test/support/tools';
import { createTestTopics, testKafkaClient, testNamespace, testStack } from '../../../test/support/kafka-rig';
import { repoRoot } from '../../stack/connection';
import { magentoOrderHandler } from '../../../services/transformer/src/handlers/magento-order.handler';
import { memoryEmittedLog } from '../../../services/transformer/src/state/emitted-log';
import { replayCommand } from '../command';
import { replayOptions } from '../options';
import { readRanges } from '../read';
import { ReplayHeader } from '../replay-record';
import { openReplaySession, type ReplaySession } from '../session';
import { isEmptyDiff } from '../shadow/diff';
import { transformerHandler, type HandlerFactory } from '../shadow/handlers';

const ns = testNamespace('it-replay');
const CDC = TOPIC.cdcMagentoOrder;
const COMMANDS = [TOPIC.cmdM3CustomerOrder, TOPIC.cmdM3GlJournal];
const MINUTE = 60_000;
/** The first change record's time: two hours ago, one a minute after another. */
const base = Math.floor((Date.now() - 2 * 60 * MINUTE) / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
/** The window: records 2..7 of 0..9 (the 8th, at base + 8 min, is the first outside). */
const from = base + 2 * MINUTE;
const to = base + 8 * MINUTE;

const fixture = (
  JSON.parse(
    readFileSync(
      resolve(repoRoot, 'services/transformer/test/golden/payment-journal/braintree-captured.in.json'),
      'utf8',
    ),
  ) as { order: Order }
).order;

const run = Date.now().toString(36).slice(-5);
const incrementIdOf = (i: number) => `R${run}${String(i).padStart(3, '0')}`;
/** Record 5 is a second delivery of order 3 (a new eventId, the same content): live sends nothing for it. */
const orderOf = (i: number): Order => ({ ...fixture, incrementId: incrementIdOf(i === 5 ? 3 : i), entityId: 700 + i });

function changeOf(i: number): Change<Order> {
  const after = orderOf(i);
  return {
    op: 'c',
    before: null,
    after,
    source: {
      system: 'MAGENTO',
      entity: 'order',
      id: after.incrementId,
      version: after.updatedAt,
      eventId: `evt-${run}-${i}`,
      occurredAt: base + i * MINUTE,
      receivedAt: base + i * MINUTE,
    },
    tsMs: base + i * MINUTE,
  };
}

interface Written {
  partition: number;
  offset: string;
  key: string;
  value: Buffer;
}

describe('replay (real broker + registry)', () => {
  let client: KafkaClient;
  let serde: AvroSerde;
  let raw: KafkaProducer;
  let session: ReplaySession;
  const written: Written[] = [];
  const inWindow = () => written.filter((_, i) => i >= 2 && i < 8);

  async function produceAt(topic: string, key: string, value: Buffer, headers: Record<string, string>, at: number) {
    const [meta] = await raw.send({
      topic: `${ns}${topic}`,
      acks: -1,
      messages: [{ key, value, headers, timestamp: String(at) }],
    });
    return { partition: meta?.partition ?? -1, offset: meta?.baseOffset ?? '-1' };
  }

  beforeAll(async () => {
    client = testKafkaClient('it-replay');
    await createTestTopics([CDC, ...COMMANDS, TOPIC.stateBackfill].map((t) => `${ns}${t}`));
    serde = createAvroSerde({ registryUrl: testStack().registryUrl });
    for (const t of [CDC, ...COMMANDS, TOPIC.stateBackfill])
      await serde.register(`${ns}${t}`, schemaForTopic(t) as AvroSchemaJson);
    raw = client.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await raw.connect();
    // The live transformer: its real handler and one emitted log over the stream.
    const emitted = memoryEmittedLog();
    for (let i = 0; i < 10; i += 1) {
      const change = changeOf(i);
      const at = base + i * MINUTE;
      const headers = standardHeaders({
        correlationId: change.after!.incrementId,
        causationId: change.source.eventId,
        eventType: 'MagentoOrderChange',
        sourceSystem: 'MAGENTO',
        occurredAt: new Date(at),
      });
      const value = await serde.encode(`${ns}${CDC}`, change);
      const coords = await produceAt(CDC, change.after!.incrementId, value, headers, at);
      written.push({ ...coords, key: change.after!.incrementId, value });
      const sent: Array<Parameters<Parameters<typeof magentoOrderHandler>[0]['send']>[0]> = [];
      const handler = magentoOrderHandler({ send: async (r) => void sent.push(r), now: () => at + 500, emitted });
      const decoded = (await serde.decode(value)) as Change<Order>;
      const result = await handler({
        ...coords,
        topic: CDC,
        key: change.after!.incrementId,
        value: decoded,
        headers,
        attempt: 1,
      });
      expect(result.outcome).toBe('ack');
      for (const r of sent) {
        const bytes = await serde.encode(`${ns}${r.topic}`, r.value);
        await produceAt(r.topic, r.key ?? '', bytes, { ...standardHeaders(r.meta), ...r.headers }, at + 1000);
      }
    }
    session = await openReplaySession(testStack(), ns);
  });

  afterAll(async () => {
    await session?.close();
    await raw?.disconnect();
  });

  const options = (extra: Record<string, string | boolean>) =>
    replayOptions({ topic: CDC, from: iso(from), to: iso(to), ...extra }, Date.now());

  it('--dry-run counts exactly the records of the window, per partition and per key', async () => {
    const { count, text } = await replayCommand(options({ live: true, 'dry-run': true }), session);
    const expected = inWindow();
    expect(count?.replayed).toBe(6);
    expect(count?.total).toBe(6);
    const perPartition = new Map<number, number>();
    for (const w of expected) perPartition.set(w.partition, (perPartition.get(w.partition) ?? 0) + 1);
    expect([...(count?.byPartition ?? [])].sort()).toEqual([...perPartition].sort());
    expect(count?.byKey.get(incrementIdOf(3))).toBe(2); // record 3 and its second delivery, record 5
    expect(count?.byKey.has(incrementIdOf(1))).toBe(false);
    expect(count?.byKey.has(incrementIdOf(8))).toBe(false);
    expect(text).toContain('would replay 6 of 6 records');
  });

  it('says so when the window holds no record', async () => {
    const o = replayOptions(
      { topic: CDC, from: iso(base - 60 * MINUTE), to: iso(base - 30 * MINUTE), live: true },
      Date.now(),
    );
    const { text, live } = await replayCommand(o, session);
    expect(live).toBeUndefined();
    expect(text).toBe(`no records in ${CDC} between ${iso(base - 60 * MINUTE)} and ${iso(base - 30 * MINUTE)}`);
  });

  it('--live re-produces exactly the window once, also across a stop and a --resume', async () => {
    const first = await replayCommand(options({ live: true }), session, { limit: 2, every: 1 });
    expect(first.live).toMatchObject({ outcome: 'stopped', produced: 2 });
    const resumed = await replayCommand(options({ live: true, resume: true }), session, { every: 1 });
    expect(resumed.live).toMatchObject({ outcome: 'done', produced: 6, read: 6 });
    const again = await replayCommand(options({ live: true, resume: true }), session);
    expect(again.live?.outcome).toBe('already-done');

    const ends = await session.ranges(CDC, 0, Date.now() + MINUTE); // the whole topic
    const all = await readRanges(
      client,
      `${ns}${CDC}`,
      ends.map((r) => ({ ...r, start: 0n, end: r.end })),
    );
    const replayed = all.filter((r) => r.headers[ReplayHeader.replayOf] !== undefined);
    const of = replayed.map((r) => r.headers[ReplayHeader.replayOf]).sort();
    expect(of).toEqual(
      inWindow()
        .map((w) => `${ns}${CDC}/${w.partition}/${w.offset}`)
        .sort(),
    );
    for (const r of replayed) {
      const original = written.find(
        (w) => `${ns}${CDC}/${w.partition}/${w.offset}` === r.headers[ReplayHeader.replayOf],
      );
      expect(r.key).toBe(original?.key);
      expect(r.value?.equals(original!.value)).toBe(true);
      expect(r.headers['causation-id']).toMatch(/^evt-/);
      expect(Number.isNaN(Date.parse(r.headers[ReplayHeader.replayedAt] ?? ''))).toBe(false);
    }
  });

  it('--shadow of the real mapping reports no difference with what live produced', async () => {
    const { shadow, text } = await replayCommand(options({ shadow: true }), session);
    expect(shadow?.counts).toMatchObject({ records: 6, changed: 0, new: 0, gone: 0, failed: 0 });
    expect(isEmptyDiff(shadow?.reports ?? [])).toBe(true);
    const dup = shadow?.reports.find((r) => r.key === incrementIdOf(3));
    expect(dup?.entries.filter((e) => e.kind === 'unchanged').length).toBe(2); // order + journal of record 5
    expect(text).toContain('no difference');
  });

  it('--shadow with a changed mapping reports the field differences, new and disappearing commands', async () => {
    const changedQty = incrementIdOf(2);
    const silenced = incrementIdOf(4);
    const variant: HandlerFactory = (topic, deps) => {
      const real = transformerHandler(topic, deps);
      const handler: Handler<unknown> = async (msg) => {
        const change = msg.value as Change<Order>;
        if (change.after?.incrementId === silenced) return { outcome: 'ack' };
        if (change.after?.incrementId !== changedQty) return real(msg);
        const items = change.after.items.map((it) => ({ ...it, qtyOrdered: '3.0000' }));
        return real({ ...msg, value: { ...change, after: { ...change.after, items } } });
      };
      return handler;
    };
    const { shadow, text } = await replayCommand(options({ shadow: true }), session, { shadow: { handler: variant } });
    const byKey = new Map(shadow?.reports.map((r) => [r.key, r.entries]));
    const changed = byKey.get(changedQty)?.find((e) => e.kind === 'changed');
    expect(changed?.type).toBe('CreateCustomerOrder');
    const qty = changed?.diffs?.find((d) => /^lines\[0\]\./.test(d.path));
    expect(qty).toBeDefined();
    expect(
      byKey
        .get(silenced)
        ?.map((e) => e.kind)
        .sort(),
    ).toEqual(['gone', 'gone']);
    expect(byKey.get(incrementIdOf(6))?.every((e) => e.kind === 'same')).toBe(true);
    expect(shadow?.counts).toMatchObject({ changed: 1, gone: 2, new: 0 });
    expect(text).toContain(`${changedQty}:`);
    expect(text).toContain('would no longer produce PostPaymentJournal');
  });

  it('the CLI refuses a shadow replay of a command topic and counts a window', async () => {
    const cli = (args: string[]) => runTool('infra/replay/cli.ts', args, toolStackEnv(ns));
    const refused = await cli(['--topic', TOPIC.cmdM3CustomerOrder, '--from', iso(from), '--shadow']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--shadow is not available for cmd.m3.customer-order.v1 yet');
    const counted = await cli(['--topic', CDC, '--from', iso(from), '--to', iso(to), '--live', '--dry-run']);
    expect(counted.code).toBe(0);
    expect(counted.stdout).toContain('would replay 6 of 6 records');
  });
});
