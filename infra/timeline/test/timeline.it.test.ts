// The timeline on the real broker and registry, in a KAFKA_NAMESPACE of its own: one order's trail produced
// with the runtime producer (so partitions are the real ones) and the runtime's failure router (so the retry
// and DLQ records are the real ones) — the Magento change, the command, a retry, a dead letter, the redriven
// copy `npm run dlq -- replay` would write, the cross-reference and the M3 shipment of its ORNO — among noise
// records of other keys on the same and on other partitions. The timeline returns exactly the trail, in
// order, follows the ORNO, and reads only the key's partition of each topic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTool, toolStackEnv } from '../../../test/support/tools';
import { pino } from 'pino';
import {
  AppError,
  createAvroSerde,
  createFailureRouter,
  createKeyLanes,
  createProducer,
  deadLetterSchema,
  dlqTopic,
  retryTopic,
  type AvroSchemaJson,
  type AvroSerde,
  type ConsumedRecord,
  type Delivery,
  type FailureSink,
  type KafkaClient,
  type Producer,
} from '@m3mage/runtime';
import type { CreateCustomerOrder, M3DeliveryChange, MagentoOrderChange, OrderXref } from '@m3mage/schemas/types';
import { GROUP, schemaForTopic, TOPIC } from '@m3mage/topics';
import { createTestTopics, testKafkaClient, testNamespace, testStack } from '../../../test/support/kafka-rig';
import { readDeadLetters } from '../../topics/dlq/read';
import { replayDecision } from '../../topics/dlq/replay';
import { lookupTimeline, type Timeline, type TimelineDeps } from '../lookup';
import { partitionFor } from '../partition';
import { timelineServer } from '../server';

const ns = testNamespace('it-timeline');
const run = Date.now().toString(36).slice(-5);
const inc = `T${run}001`;
const orno = `7${run}01`;
const group = `${ns}${GROUP.m3Writer.id}`;
const t = (name: string): string => `${ns}${name}`;
const PARTITIONS = 6;
const avroTopics = [TOPIC.cdcMagentoOrder, TOPIC.cmdM3CustomerOrder, TOPIC.xrefOrder, TOPIC.cdcM3Shipment];

/** Keys that are (or are not) in the same partition as `key` on a topic of `partitions`. */
function noiseKeys(key: string, partitions: number, same: boolean, n = 2): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const k = `noise-${run}-${i}`;
    if ((partitionFor(k, partitions) === partitionFor(key, partitions)) === same) out.push(k);
  }
  return out;
}

const source = (system: 'MAGENTO' | 'M3', entity: string, id: string) => ({
  system,
  entity,
  id,
  version: '1',
  eventId: `evt-${entity}-${id}`,
  occurredAt: Date.now() - 1000,
  receivedAt: Date.now(),
});
const orderChange = (incrementId: string): MagentoOrderChange => ({
  op: 'c',
  before: null,
  after: {
    entityId: 1,
    incrementId,
    storeId: 1,
    state: 'new',
    status: 'pending',
    createdAt: '2030-01-01 10:00:00',
    updatedAt: '2030-01-01 10:00:00',
    customerId: null,
    customerEmail: 'anna.berg@example.com',
    customerFirstname: 'Anna',
    customerLastname: 'Berg',
    currency: 'EUR',
    grandTotal: '99.50',
    shippingAmount: '0',
    shippingMethod: null,
    items: [],
    billingAddress: null,
    shippingAddress: null,
    payment: null,
  },
  source: source('MAGENTO', 'order', incrementId),
  tsMs: Date.now(),
});
const orderCommand = (incrementId: string): CreateCustomerOrder => ({
  meta: {
    commandId: `cmd-${incrementId}`,
    idempotencyKey: `order:${incrementId}`,
    correlationId: incrementId,
    causationId: `evt-order-${incrementId}`,
    issuedAt: Date.now(),
  },
  incrementId,
  customer: {
    email: 'anna.berg@example.com',
    cunm: 'Anna Berg',
    cua1: 'Storgatan 12',
    cua2: null,
    cua3: null,
    cua4: null,
    pono: '11122',
    town: 'Stockholm',
    cscd: 'SE',
    phno: null,
    cutm: 'TEMPLATE',
    magentoCustomerId: null,
  },
  head: {
    cuor: incrementId,
    ortp: null,
    faci: null,
    whlo: '100',
    rldt: null,
    cucd: 'EUR',
    yref: null,
    modl: null,
    tedl: null,
  },
  lines: [{ itno: 'ITM000001', orqt: '1', sapr: '99.5', whlo: null, alun: null, magentoItemId: 1 }],
  shipTo: null,
});
const xref = (incrementId: string, m3Order: string): OrderXref => ({
  incrementId,
  orno: m3Order,
  cuno: 'MG0000001',
  confirmedAt: Date.now(),
  commandId: `cmd-${incrementId}`,
});
const shipment = (m3Order: string, cuor: string): M3DeliveryChange => ({
  op: 'c',
  before: null,
  after: {
    orno: m3Order,
    cuor,
    dlix: `5${run}`,
    whlo: '100',
    shippedAt: Date.now(),
    lines: [{ ponr: 1, posx: 0, itno: 'ITM000001', quantity: '1' }],
    packages: [{ packageId: 'P1', trackingNumber: `TRK${run}`, carrier: 'DHL' }],
  },
  source: source('M3', 'shipment', m3Order),
  tsMs: Date.now(),
});

/** Runs the CLI as ops do (`npm run timeline` is `tsx infra/timeline/cli.ts`), in this test's namespace. */
const cli = (args: string[]) => runTool('infra/timeline/cli.ts', args, toolStackEnv(ns));

describe('timeline on the real broker', () => {
  let client: KafkaClient;
  let serde: AvroSerde;
  let producer: Producer;
  let sink: FailureSink;
  let deps: TimelineDeps;
  /** Every record produced, per `topic:partition` (trail and noise). */
  const produced = new Map<string, number>();
  /** The trail, in the order produced: topic (catalogue name), key, where it went. */
  const trail: { topic: string; key: string; at: Delivery }[] = [];
  let timeline: Timeline;

  const count = (d: Delivery): Delivery => {
    const id = `${d.topic}:${d.partition}`;
    produced.set(id, (produced.get(id) ?? 0) + 1);
    return d;
  };
  const send = async (topic: string, key: string, value: unknown, eventType: string, onTrail: boolean) => {
    const d = count(
      await producer.send({
        topic: t(topic),
        key,
        value,
        meta: { correlationId: inc, eventType, sourceSystem: topic.startsWith('cdc.magento') ? 'MAGENTO' : 'M3' },
      }),
    );
    if (onTrail) trail.push({ topic, key, at: d });
    // Distinct record timestamps, so the expected order is the order produced.
    await new Promise((r) => setTimeout(r, 5));
    return d;
  };
  /** A record as a consumer of `topic` received it (what the failure router forwards). */
  const consumed = async (d: Delivery, key: string, value: unknown, headers: Record<string, string>) =>
    ({
      topic: d.topic,
      partition: d.partition,
      offset: d.offset,
      key: Buffer.from(key),
      value: await serde.encode(t(TOPIC.cmdM3CustomerOrder), value),
      headers,
    }) satisfies ConsumedRecord;
  /** Where the last record of a topic went (the router's sendRaw returns nothing): its end offset. */
  const lastOf = async (topic: string, partition: number): Promise<Delivery> => {
    const admin = client.kafka.admin();
    await admin.connect();
    try {
      const high = (await admin.fetchTopicOffsets(topic)).find((p) => p.partition === partition)?.high ?? '0';
      return count({ topic, partition, offset: String(BigInt(high) - 1n) });
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    client = testKafkaClient('it-timeline');
    await createTestTopics(avroTopics.map(t), PARTITIONS, client);
    await createTestTopics([retryTopic(group, 1)], PARTITIONS, client);
    await createTestTopics([dlqTopic(group)], 1, client);
    serde = createAvroSerde({ registryUrl: testStack().registryUrl });
    for (const topic of avroTopics) await serde.register(t(topic), schemaForTopic(topic) as AvroSchemaJson);
    await serde.register(dlqTopic(group), deadLetterSchema());
    const logger = pino({ level: 'silent' });
    producer = createProducer({ client, logger, serde, lingerMs: 1 });
    await producer.connect();
    sink = createFailureRouter({
      group,
      service: GROUP.m3Writer.id,
      producer,
      serde,
      lanes: createKeyLanes(),
      tierDelaysMs: [1_000],
      outageWaitMs: 0,
    });
    deps = { client, serde, namespace: ns, timeoutMs: 30_000 };

    const noise = (topic: string, same: boolean, key = inc) =>
      noiseKeys(key, PARTITIONS, same).map((k) => ({ topic, k }));
    // Noise first, on the key's partitions and on others, so the key's range has other keys in it.
    for (const { topic, k } of [...noise(TOPIC.cdcMagentoOrder, true), ...noise(TOPIC.cdcMagentoOrder, false)])
      await send(topic, k, orderChange(k), 'MagentoOrderChange', false);
    for (const { topic, k } of [...noise(TOPIC.cmdM3CustomerOrder, true), ...noise(TOPIC.cmdM3CustomerOrder, false)])
      await send(topic, k, orderCommand(k), 'CreateCustomerOrder', false);

    // The trail.
    await send(TOPIC.cdcMagentoOrder, inc, orderChange(inc), 'MagentoOrderChange', true);
    const cmd = await send(TOPIC.cmdM3CustomerOrder, inc, orderCommand(inc), 'CreateCustomerOrder', true);
    const cmdHeaders = { 'correlation-id': inc, 'event-type': 'CreateCustomerOrder', attempt: '1' };
    await sink.retry(
      await consumed(cmd, inc, orderCommand(inc), cmdHeaders),
      new AppError('HTTP_TIMEOUT', 'M3 did not answer in 30 s'),
    );
    const retried = await lastOf(retryTopic(group, 1), partitionFor(inc, PARTITIONS));
    trail.push({ topic: retryTopic(GROUP.m3Writer.id, 1), key: inc, at: retried });
    await new Promise((r) => setTimeout(r, 5));
    const retryHeaders = {
      ...cmdHeaders,
      attempt: '2',
      'x-original-topic': cmd.topic,
      'x-original-partition': String(cmd.partition),
      'x-original-offset': cmd.offset,
    };
    await sink.deadLetter(
      await consumed(retried, inc, orderCommand(inc), retryHeaders),
      new AppError('M3_MANDATORY_MISSING', 'OIS100MI AddBatchHead: CUNO is mandatory'),
      'handler',
    );
    trail.push({ topic: dlqTopic(GROUP.m3Writer.id), key: inc, at: await lastOf(dlqTopic(group), 0) });
    await new Promise((r) => setTimeout(r, 5));
    // A noise dead letter of another key in the same (one-partition) DLQ.
    const [other] = noiseKeys(inc, PARTITIONS, false, 1);
    await sink.deadLetter(
      await consumed(cmd, other!, orderCommand(other!), { ...cmdHeaders, 'correlation-id': other! }),
      new AppError('M3_MANDATORY_MISSING'),
      'handler',
    );
    await lastOf(dlqTopic(group), 0);
    // The redriven copy, exactly as `npm run dlq -- replay --key` builds it.
    const letter = (await readDeadLetters(client, serde, dlqTopic(group))).find((r) => r.key === inc)!;
    const decision = replayDecision(dlqTopic(group), letter, () => new Date());
    if (decision.action !== 'replay') throw new Error(`not replayable: ${decision.reason}`);
    const copy = count(await producer.sendRaw(decision.record));
    trail.push({ topic: TOPIC.cmdM3CustomerOrder, key: inc, at: copy });
    await new Promise((r) => setTimeout(r, 5));
    await send(TOPIC.xrefOrder, inc, xref(inc, orno), 'OrderXref', true);
    for (const { topic, k } of noise(TOPIC.xrefOrder, true))
      await send(topic, k, xref(k, `9${k.slice(-4)}`), 'OrderXref', false);
    for (const { topic, k } of [...noise(TOPIC.cdcM3Shipment, true, orno), ...noise(TOPIC.cdcM3Shipment, false, orno)])
      await send(topic, k, shipment(k, `noise-cuor-${k}`), 'SyncShipment', false);
    await send(TOPIC.cdcM3Shipment, orno, shipment(orno, inc), 'SyncShipment', true);

    timeline = await lookupTimeline(deps, { key: inc, fromMs: Date.now() - 3_600_000, toMs: Date.now() });
  });

  afterAll(async () => {
    await producer?.close();
  });

  it('the producer put every trail record in the partition partitionFor() computes', () => {
    for (const s of trail) {
      const partitions = s.topic === dlqTopic(GROUP.m3Writer.id) ? 1 : PARTITIONS;
      expect(s.at.partition, `${s.topic} ${s.key}`).toBe(partitionFor(s.key, partitions));
    }
  });

  it('returns exactly the trail, in the order it happened, with the ORNO side followed', () => {
    expect(timeline.keys).toEqual([
      { key: inc, role: 'asked' },
      { key: orno, role: 'orno' },
    ]);
    expect(timeline.steps.map((s) => [s.topic, s.key, s.partition, s.offset])).toEqual(
      trail.map((s) => [s.topic, s.key, s.at.partition, s.at.offset]),
    );
    expect(timeline.steps[0]!.hopMs).toBeNull();
    for (const s of timeline.steps.slice(1)) expect(s.hopMs).toBeGreaterThan(0);
    const [change, command, retry, dead, redriven, confirmed, shipped] = timeline.steps;
    expect(change).toMatchObject({ eventType: 'MagentoOrderChange', facts: { op: 'c', status: 'pending' } });
    expect(command).toMatchObject({
      eventType: 'CreateCustomerOrder',
      facts: { command: 'CreateCustomerOrder', attempt: 1 },
    });
    expect(retry!.summary).toContain(`retry tier 1 of ${GROUP.m3Writer.id}, attempt 2`);
    expect(retry!.facts).toMatchObject({
      errorCode: 'HTTP_TIMEOUT',
      errorMessage: 'M3 did not answer in 30 s',
      errorStage: 'handler',
    });
    expect(dead!.facts).toMatchObject({
      errorCode: 'M3_MANDATORY_MISSING',
      errorStage: 'handler',
      deadLetter: `${dlqTopic(group)}:0:${trail[3]!.at.offset}`,
    });
    expect(dead!.summary).toContain(
      `from ${t(TOPIC.cmdM3CustomerOrder)}[${trail[1]!.at.partition}]@${trail[1]!.at.offset}`,
    );
    expect(redriven!.facts.replayedFrom).toBe(dead!.facts.deadLetter);
    expect(redriven!.summary).toContain('redriven from');
    expect(confirmed!.facts).toMatchObject({ orno, incrementId: inc, cuno: 'MG0000001' });
    expect(shipped).toMatchObject({ key: orno, facts: { orno, incrementId: inc, document: `5${run}` } });
    expect(shipped!.summary).toContain(`tracking TRK${run}`);
    expect(timeline.outcome).toMatchObject({ orno, incrementId: inc });
    expect(timeline.outcome.text).toContain(`in M3 as ORNO ${orno}, confirmed at`);
    expect(timeline.outcome.text).toContain(`shipped (delivery 5${run})`);
    expect(timeline.outcome.text).toMatch(/dead-lettered at .* with M3_MANDATORY_MISSING: .*, redriven at/);
  });

  it('reads only the key’s partition of each topic, between the window’s offsets', () => {
    const existing = [...avroTopics.map(t), retryTopic(group, 1), dlqTopic(group)];
    const read = timeline.read.filter((r) => existing.includes(r.topic));
    // One range per existing topic for the increment id, and one for the ORNO on the M3 shipment topic.
    expect(read).toHaveLength(existing.length + 1);
    for (const r of read) {
      const key = r.topic === t(TOPIC.cdcM3Shipment) && r.partition === partitionFor(orno, PARTITIONS) ? orno : inc;
      expect(r.partition, r.topic).toBe(partitionFor(key, r.topic === dlqTopic(group) ? 1 : PARTITIONS));
      // What was fetched from a partition is every record produced there (trail and same-partition noise), no more.
      expect(r.fetched, `${r.topic}[${r.partition}]`).toBe(produced.get(`${r.topic}:${r.partition}`) ?? 0);
    }
    const fetched = read.reduce((n, r) => n + r.fetched, 0);
    const all = [...produced.values()].reduce((n, c) => n + c, 0);
    expect(fetched).toBeLessThan(all); // the noise on other partitions was never fetched
    expect(timeline.read.filter((r) => !existing.includes(r.topic)).every((r) => r.fetched === 0)).toBe(true);
    expect(timeline.missingTopics).toContain(t(TOPIC.cdcM3Invoice));
  });

  it('--from narrows the read: the range starts at the first offset at or after it', async () => {
    const from = Date.parse(timeline.steps[2]!.at);
    const narrowed = await lookupTimeline(deps, { key: inc, fromMs: from, toMs: Date.now() });
    expect(narrowed.steps.map((s) => [s.topic, s.offset])).toEqual(
      timeline.steps.slice(2).map((s) => [s.topic, s.offset]),
    );
    const order = narrowed.read.find((r) => r.topic === t(TOPIC.cdcMagentoOrder))!;
    const whole = timeline.read.find((r) => r.topic === t(TOPIC.cdcMagentoOrder))!;
    expect(order.end).toBe(whole.end);
    expect(order.start).toBe(order.end); // every record of that partition is older: nothing read there
    expect(order.fetched).toBe(0);
  });

  it('finds the same trail from the ORNO, following it back to the increment id', async () => {
    const back = await lookupTimeline(deps, { key: orno, fromMs: Date.now() - 3_600_000, toMs: Date.now() });
    expect(back.keys).toEqual([
      { key: orno, role: 'asked' },
      { key: inc, role: 'increment-id' },
    ]);
    expect(back.steps.map((s) => [s.topic, s.offset])).toEqual(timeline.steps.map((s) => [s.topic, s.offset]));
  });

  it('serves the same JSON over HTTP, and 400 for a bad window', async () => {
    const app = await timelineServer(deps);
    try {
      const ok = await app.inject({ method: 'GET', url: `/timeline/${inc}` });
      expect(ok.statusCode).toBe(200);
      const body = ok.json<Timeline>();
      expect(body.steps.map((s) => s.offset)).toEqual(timeline.steps.map((s) => s.offset));
      expect(body.outcome.orno).toBe(orno);
      const bad = await app.inject({
        method: 'GET',
        url: `/timeline/${inc}?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z`,
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({
        error: 'TIMELINE_BAD_REQUEST',
        message: expect.stringContaining('is after') as string,
      });
    } finally {
      await app.close();
    }
  });

  it('the CLI prints the timeline, says so when a window has no records, and refuses --from after --to', async () => {
    const text = await cli([inc]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`timeline of ${inc} (followed: M3 order ${orno})`);
    expect(text.stdout).toContain('retry tier 1');
    expect(text.stdout).toMatch(/outcome: in M3 as ORNO/);
    const json = await cli([inc, '--json']);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as Timeline).steps).toHaveLength(trail.length);
    const empty = await cli([inc, '--from', '2020-01-01T00:00:00Z', '--to', '2020-01-02T00:00:00Z']);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain(
      `no records for ${inc} between 2020-01-01T00:00:00.000Z and 2020-01-02T00:00:00.000Z`,
    );
    const backwards = await cli([inc, '--from', '2030-01-02T00:00:00Z', '--to', '2030-01-01T00:00:00Z']);
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain('is after');
  });
});
