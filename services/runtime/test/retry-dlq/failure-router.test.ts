// The failure router without Kafka: an in-memory producer records what it would send.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors';
import { createMetrics, type Metrics } from '../../src/metrics';
import type { ConsumedRecord } from '../../src/kafka/handler';
import { createFailureRouter, DEFAULT_OUTAGE_WAIT_MS } from '../../src/retry-dlq/failure-router';
import { createKeyLanes } from '../../src/retry-dlq/key-lanes';
import { consumedFrom, manualClock, recordingProducer, recordingSerde } from './fakes';

const T0 = '2030-01-01T00:00:00.000Z';
const t0 = Date.parse(T0);
const iso = (ms: number): string => new Date(ms).toISOString();

function setup(tierDelaysMs: readonly number[] = [100, 1000, 5000], outageWaitMs?: number) {
  const producer = recordingProducer();
  const serde = recordingSerde();
  const lanes = createKeyLanes();
  const clock = manualClock(T0);
  const metrics = createMetrics({ service: 'svc', collectDefaults: false });
  const router = createFailureRouter({
    group: 'g',
    service: 'svc',
    producer,
    serde,
    lanes,
    tierDelaysMs,
    metrics,
    now: clock.now,
    ...(outageWaitMs !== undefined ? { outageWaitMs } : {}),
  });
  return { producer, serde, lanes, clock, metrics, router };
}

const mainRecord = (over: Partial<ConsumedRecord> = {}): ConsumedRecord => ({
  topic: 'orders',
  partition: 3,
  offset: '42',
  key: Buffer.from('k1'),
  value: Buffer.from([0, 0, 0, 0, 9, 1, 2]),
  headers: { 'correlation-id': 'c1', 'event-type': 'OrderPlaced', attempt: '1' },
  ...over,
});
const notYet = new AppError('MAPPING_NOT_YET', 'customer not there yet');
const unmappable = new AppError('MAPPING_UNMAPPABLE', 'no warehouse for source XYZ');

async function counts(counter: Metrics['retryTotal'] | Metrics['dlqTotal']) {
  const { values } = await counter.get();
  return values.map((v) => ({ ...v.labels, value: v.value }));
}

describe('failure router: retry tiers', () => {
  it('forwards a first failure to tier 1: same key and bytes, attempt 2, origin, error, due after tier 1', async () => {
    const { router, producer } = setup();
    const r = mainRecord();
    await router.retry(r, notYet);
    expect(producer.sent).toHaveLength(1);
    const [sent] = producer.sent;
    expect(sent?.topic).toBe('g.retry.1');
    expect(sent?.key).toBe(r.key);
    expect(sent?.value).toBe(r.value);
    expect(sent?.partition).toBeUndefined();
    expect(sent?.headers).toEqual({
      'correlation-id': 'c1',
      'event-type': 'OrderPlaced',
      attempt: '2',
      'x-original-topic': 'orders',
      'x-original-partition': '3',
      'x-original-offset': '42',
      'x-error-class': 'transient',
      'x-error-code': 'MAPPING_NOT_YET',
      'x-error-message': 'customer not there yet',
      'x-error-stage': 'handler',
      'x-attempts': '1',
      'x-failed-at': T0,
      'x-retry-parked': 'false',
      'x-first-failed-at': String(t0),
      'x-retry-due-at': String(t0 + 100),
    });
  });

  it('walks up the tiers, then dead-letters with every header and the Avro value', async () => {
    const { router, producer, serde, lanes, clock, metrics } = setup();
    const r = mainRecord();
    await router.retry(r, notYet);
    expect(lanes.tierOf('orders', 'k1')).toBe(1);

    clock.advance(150);
    await router.retry(consumedFrom(producer.sent[0]!, 1, '7'), notYet);
    clock.advance(1200);
    await router.retry(consumedFrom(producer.sent[1]!, 0, '3'), notYet);
    expect(lanes.tierOf('orders', 'k1')).toBe(3);
    expect(producer.sent.map((s) => s.topic)).toEqual(['g.retry.1', 'g.retry.2', 'g.retry.3']);
    expect(producer.sent.map((s) => s.headers)).toEqual([
      expect.objectContaining({ attempt: '2', 'x-attempts': '1', 'x-failed-at': iso(t0) }),
      expect.objectContaining({ attempt: '3', 'x-attempts': '2', 'x-failed-at': iso(t0 + 150) }),
      expect.objectContaining({ attempt: '4', 'x-attempts': '3', 'x-failed-at': iso(t0 + 1350) }),
    ]);
    // The origin stays the main topic's record, not the tier record it was read from.
    for (const s of producer.sent)
      expect(s.headers).toMatchObject({
        'x-original-topic': 'orders',
        'x-original-partition': '3',
        'x-original-offset': '42',
        'x-retry-parked': 'false',
        'x-first-failed-at': String(t0),
      });
    expect(producer.sent.map((s) => s.headers['x-retry-due-at'])).toEqual([
      String(t0 + 100),
      String(t0 + 150 + 1000),
      String(t0 + 1350 + 5000),
    ]);

    clock.advance(6000);
    const last = consumedFrom(producer.sent[2]!, 2, '9');
    await router.retry(last, notYet);
    expect(producer.sent).toHaveLength(4);
    const dlq = producer.sent[3]!;
    expect(serde.encoded).toHaveLength(1);
    expect(serde.encoded[0]?.topic).toBe('g.dlq');
    expect(serde.encoded[0]?.value).toEqual({
      originalTopic: 'orders',
      originalPartition: 3,
      originalOffset: 42,
      originalKey: 'k1',
      originalValue: r.value,
      originalHeaders: { 'correlation-id': 'c1', 'event-type': 'OrderPlaced', attempt: '4' },
      errorClass: 'transient',
      errorCode: 'MAPPING_NOT_YET',
      errorMessage: 'customer not there yet',
      stage: 'retry-exhausted',
      attempts: 4,
      failedAt: t0 + 7350,
      service: 'svc',
      group: 'g',
    });
    expect(dlq.topic).toBe('g.dlq');
    expect(dlq.key).toBe(last.key);
    expect(dlq.value).toBe(serde.encoded[0]?.bytes);
    expect(dlq.headers).toEqual({
      'correlation-id': 'c1',
      'event-type': 'OrderPlaced',
      attempt: '4',
      'x-original-topic': 'orders',
      'x-original-partition': '3',
      'x-original-offset': '42',
      'x-error-class': 'transient',
      'x-error-code': 'MAPPING_NOT_YET',
      'x-error-message': 'customer not there yet',
      'x-error-stage': 'retry-exhausted',
      'x-attempts': '4',
      'x-failed-at': iso(t0 + 7350),
      'x-retry-parked': 'false',
      'x-first-failed-at': String(t0),
      'x-retry-due-at': String(t0 + 6350),
    });
    expect(lanes.tierOf('orders', 'k1')).toBeUndefined();
    expect(lanes.size()).toBe(0);

    const retried = { service: 'svc', topic: 'orders' };
    expect(await counts(metrics.retryTotal)).toEqual([
      { ...retried, tier: '1', value: 1 },
      { ...retried, tier: '2', value: 1 },
      { ...retried, tier: '3', value: 1 },
    ]);
    expect(await counts(metrics.dlqTotal)).toEqual([
      { service: 'svc', topic: 'orders', code: 'MAPPING_NOT_YET', value: 1 },
    ]);
  });

  it('is due after the tier delay or the handler’s requested delay, whichever is longer', async () => {
    const { router, producer, clock } = setup();
    await router.retry(mainRecord(), notYet, 2500);
    await router.retry(mainRecord({ offset: '43' }), notYet, 50);
    await router.retry(mainRecord({ offset: '44' }), notYet, 0);
    clock.advance(10);
    await router.retry(consumedFrom(producer.sent[0]!, 0, '1'), notYet, 999);
    await router.retry(consumedFrom(producer.sent[0]!, 0, '1'), notYet, 1001);
    expect(producer.sent.map((s) => [s.topic, s.headers['x-retry-due-at']])).toEqual([
      ['g.retry.1', String(t0 + 2500)],
      ['g.retry.1', String(t0 + 100)],
      ['g.retry.1', String(t0 + 100)],
      ['g.retry.2', String(t0 + 10 + 1000)],
      ['g.retry.2', String(t0 + 10 + 1001)],
    ]);
  });

  it('dead-letters at once when the group has no tiers', async () => {
    const { router, producer, serde, lanes } = setup([]);
    await router.retry(mainRecord(), notYet, 5000);
    expect(producer.sent.map((s) => s.topic)).toEqual(['g.dlq']);
    expect(producer.sent[0]?.headers).toMatchObject({ 'x-error-stage': 'retry-exhausted', 'x-attempts': '1' });
    expect(serde.encoded[0]?.value).toMatchObject({ stage: 'retry-exhausted', attempts: 1, originalOffset: 42 });
    expect(lanes.size()).toBe(0);
  });

  it('retries a record without a key and opens no lane for it', async () => {
    const { router, producer, lanes } = setup();
    await router.retry(mainRecord({ key: null }), notYet);
    await router.retry(consumedFrom(producer.sent[0]!, 0, '0'), notYet);
    expect(producer.sent.map((s) => [s.topic, s.key])).toEqual([
      ['g.retry.1', null],
      ['g.retry.2', null],
    ]);
    expect(lanes.size()).toBe(0);
  });

  it('changes nothing when the producer refuses the forward', async () => {
    const { router, producer, lanes, metrics } = setup();
    const refused = new AppError('KAFKA_PRODUCE_FAILED', 'not acknowledged');
    producer.failWith = refused;
    await expect(router.retry(mainRecord(), notYet)).rejects.toBe(refused);
    expect(lanes.size()).toBe(0);
    expect(await counts(metrics.retryTotal)).toEqual([]);

    producer.failWith = undefined;
    await router.retry(mainRecord(), notYet);
    producer.failWith = refused;
    const inTier = consumedFrom(producer.sent[0]!, 0, '5');
    await expect(router.retry(inTier, notYet)).rejects.toBe(refused);
    expect(lanes.tierOf('orders', 'k1')).toBe(1);
    await expect(router.parkIfWaiting(mainRecord({ offset: '43' }))).rejects.toBe(refused);
    await expect(router.deadLetter(inTier, unmappable, 'handler')).rejects.toBe(refused);
    producer.failWith = undefined;
    router.acked(inTier);
    // One leave closes the lane: neither the refused park nor the refused dead letter changed it.
    expect(lanes.size()).toBe(0);
    expect(await counts(metrics.dlqTotal)).toEqual([]);
  });
  it('routes the same without metrics, on the system clock', async () => {
    const producer = recordingProducer();
    const serde = recordingSerde();
    const router = createFailureRouter({
      group: 'g',
      service: 'svc',
      producer,
      serde,
      lanes: createKeyLanes(),
      tierDelaysMs: [100],
    });
    const before = Date.now();
    await router.retry(mainRecord(), notYet);
    await router.retry(consumedFrom(producer.sent[0]!, 0, '0'), notYet);
    const after = Date.now();
    expect(producer.sent.map((s) => s.topic)).toEqual(['g.retry.1', 'g.dlq']);
    const due = Number(producer.sent[0]?.headers['x-retry-due-at']);
    expect(due).toBeGreaterThanOrEqual(before + 100);
    expect(due).toBeLessThanOrEqual(after + 100);
    const failedAt = (serde.encoded[0]?.value as { failedAt: number }).failedAt;
    expect(failedAt).toBeGreaterThanOrEqual(before);
    expect(failedAt).toBeLessThanOrEqual(after);
    expect(serde.encoded[0]?.value).toMatchObject({ stage: 'retry-exhausted', attempts: 2 });
  });

  it('dead-letters an endpoint failure at once when the group has no tiers', async () => {
    const { router, producer } = setup([]);
    await router.retry(mainRecord(), new AppError('HTTP_5XX', 'M3 answered 500'));
    expect(producer.sent.map((s) => [s.topic, s.headers['x-error-code'], s.headers['x-error-stage']])).toEqual([
      ['g.dlq', 'HTTP_5XX', 'retry-exhausted'],
    ]);
  });

  it('counts a first failure as one more record when its key already has a lane', async () => {
    const { router, lanes } = setup();
    // A record of k1 moved up to tier 2 after a restart opened the lane; a main-topic record of k1 that was
    // already running then fails too.
    lanes.moveUp('orders', 'k1', 2);
    await router.retry(mainRecord(), notYet);
    expect(lanes.tierOf('orders', 'k1')).toBe(2);
    lanes.leave('orders', 'k1');
    expect(lanes.tierOf('orders', 'k1')).toBe(2);
    lanes.leave('orders', 'k1');
    expect(lanes.size()).toBe(0);
  });
});

describe('failure router: dead letters from the handler', () => {
  it('dead-letters a record read from the main topic with stage and first attempt, keeping lanes', async () => {
    const { router, producer, serde, lanes, metrics } = setup();
    lanes.enter('orders', 'k1', 2);
    const r = mainRecord();
    await router.deadLetter(r, unmappable, 'handler');
    await router.deadLetter(mainRecord({ offset: '43', key: null, value: null }), unmappable, 'decode');
    expect(producer.sent.map((s) => [s.topic, s.headers['x-error-stage'], s.headers['x-attempts']])).toEqual([
      ['g.dlq', 'handler', '1'],
      ['g.dlq', 'decode', '1'],
    ]);
    expect(producer.sent[0]!.headers).toEqual({
      'correlation-id': 'c1',
      'event-type': 'OrderPlaced',
      attempt: '1',
      'x-original-topic': 'orders',
      'x-original-partition': '3',
      'x-original-offset': '42',
      'x-error-class': 'permanent',
      'x-error-code': 'MAPPING_UNMAPPABLE',
      'x-error-message': 'no warehouse for source XYZ',
      'x-error-stage': 'handler',
      'x-attempts': '1',
      'x-failed-at': T0,
    });
    expect(serde.encoded.map((e) => e.value)).toEqual([
      expect.objectContaining({ originalKey: 'k1', originalValue: r.value, stage: 'handler', originalOffset: 42 }),
      expect.objectContaining({ originalKey: null, originalValue: null, stage: 'decode', originalOffset: 43 }),
    ]);
    expect(producer.sent[1]?.key).toBeNull();
    expect(lanes.tierOf('orders', 'k1')).toBe(2);
    expect(await counts(metrics.dlqTotal)).toEqual([
      { service: 'svc', topic: 'orders', code: 'MAPPING_UNMAPPABLE', value: 2 },
    ]);
  });

  it('a record dead-lettered from a tier leaves its key’s lane and reports its original topic', async () => {
    const { router, producer, serde, lanes, metrics } = setup();
    await router.retry(mainRecord(), notYet);
    const inTier = consumedFrom(producer.sent[0]!, 1, '8');
    await router.deadLetter(inTier, unmappable, 'handler');
    expect(lanes.size()).toBe(0);
    expect(producer.sent[1]?.headers).toMatchObject({
      'x-original-topic': 'orders',
      'x-original-partition': '3',
      'x-original-offset': '42',
      'x-attempts': '2',
      'x-error-code': 'MAPPING_UNMAPPABLE',
    });
    expect(serde.encoded[0]?.value).toMatchObject({ originalTopic: 'orders', attempts: 2, stage: 'handler' });
    expect(await counts(metrics.dlqTotal)).toEqual([
      { service: 'svc', topic: 'orders', code: 'MAPPING_UNMAPPABLE', value: 1 },
    ]);
  });
});

describe('failure router: keys in retry', () => {
  it('parks a later record of a key behind the tier its earlier record waits in', async () => {
    const { router, producer, lanes, clock, metrics } = setup();
    await router.retry(mainRecord(), notYet);
    await router.retry(consumedFrom(producer.sent[0]!, 0, '0'), notYet);
    expect(lanes.tierOf('orders', 'k1')).toBe(2);

    clock.advance(30);
    const later = mainRecord({ offset: '43', value: Buffer.from([0, 0, 0, 0, 9, 3]) });
    expect(await router.parkIfWaiting(later)).toBe(true);
    const parked = producer.sent[2]!;
    expect(parked.topic).toBe('g.retry.2');
    expect(parked.key).toBe(later.key);
    expect(parked.value).toBe(later.value);
    expect(parked.headers).toEqual({
      'correlation-id': 'c1',
      'event-type': 'OrderPlaced',
      attempt: '1',
      'x-original-topic': 'orders',
      'x-original-partition': '3',
      'x-original-offset': '43',
      'x-retry-parked': 'true',
      'x-retry-due-at': String(t0 + 30 + 1000),
    });
    // Parking is not a retry.
    expect(await counts(metrics.retryTotal)).toEqual([
      { service: 'svc', topic: 'orders', tier: '1', value: 1 },
      { service: 'svc', topic: 'orders', tier: '2', value: 1 },
    ]);

    // Two records of the key are in the tiers now: the lane closes when both have left.
    router.acked(consumedFrom(producer.sent[1]!, 0, '1'));
    expect(lanes.tierOf('orders', 'k1')).toBe(2);
    router.acked(consumedFrom(parked, 0, '2'));
    expect(lanes.tierOf('orders', 'k1')).toBeUndefined();
    expect(await router.parkIfWaiting(mainRecord({ offset: '44' }))).toBe(false);
    expect(producer.sent).toHaveLength(3);
  });

  it('moves a record parked in a lower tier up behind its key, keeping its origin and the count', async () => {
    const { router, producer, lanes } = setup();
    await router.retry(mainRecord(), notYet);
    expect(await router.parkIfWaiting(mainRecord({ offset: '43' }))).toBe(true);
    const parkedInTier1 = consumedFrom(producer.sent[1]!, 0, '11');
    expect(producer.sent[1]?.topic).toBe('g.retry.1');
    await router.retry(consumedFrom(producer.sent[0]!, 0, '10'), notYet);
    expect(lanes.tierOf('orders', 'k1')).toBe(2);

    expect(await router.parkIfWaiting(parkedInTier1)).toBe(true);
    const moved = producer.sent[3]!;
    expect(moved.topic).toBe('g.retry.2');
    expect(moved.headers).toEqual({
      'correlation-id': 'c1',
      'event-type': 'OrderPlaced',
      attempt: '1',
      'x-original-topic': 'orders',
      'x-original-partition': '3',
      'x-original-offset': '43',
      'x-retry-parked': 'true',
      'x-retry-due-at': String(t0 + 1000),
    });
    router.acked(consumedFrom(producer.sent[2]!, 1, '0'));
    expect(lanes.size()).toBe(1);
    router.acked(consumedFrom(moved, 1, '1'));
    expect(lanes.size()).toBe(0);
  });

  it('does not park a record in the tier its key waits in, nor other keys, topics or records without a key', async () => {
    const { router, producer, lanes } = setup();
    await router.retry(mainRecord(), notYet);
    const sent = producer.sent.length;
    expect(await router.parkIfWaiting(consumedFrom(producer.sent[0]!, 0, '0'))).toBe(false);
    expect(await router.parkIfWaiting(mainRecord({ key: Buffer.from('k2') }))).toBe(false);
    expect(await router.parkIfWaiting(mainRecord({ topic: 'shipments' }))).toBe(false);
    expect(await router.parkIfWaiting(mainRecord({ key: null }))).toBe(false);
    expect(producer.sent).toHaveLength(sent);
    expect(lanes.size()).toBe(1);
  });

  it('leaves the lane when a record acked in a tier, never for a record acked from the main topic', () => {
    const { router, lanes } = setup();
    lanes.enter('orders', 'k1', 1);
    router.acked(mainRecord());
    expect(lanes.tierOf('orders', 'k1')).toBe(1);
    router.acked(mainRecord({ topic: 'g.retry.1', key: null }));
    expect(lanes.tierOf('orders', 'k1')).toBe(1);
    router.acked(mainRecord({ topic: 'g.retry.1', headers: { 'x-original-topic': 'orders' } }));
    expect(lanes.tierOf('orders', 'k1')).toBeUndefined();
  });
  it('never treats a record without a key as the key "undefined"', async () => {
    const { router, producer, lanes } = setup();
    lanes.enter('orders', 'undefined', 1);
    expect(await router.parkIfWaiting(mainRecord({ key: null }))).toBe(false);
    const keyless = mainRecord({ topic: 'g.retry.1', key: null, headers: { 'x-original-topic': 'orders' } });
    router.acked(keyless);
    await router.deadLetter(keyless, unmappable, 'handler');
    expect(producer.sent.map((s) => s.topic)).toEqual(['g.dlq']);
    expect(lanes.tierOf('orders', 'undefined')).toBe(1);
    expect(lanes.size()).toBe(1);
  });
});

describe('failure router: describe', () => {
  it('shows a main-topic record as itself and a tier record as its original', async () => {
    const { router, producer } = setup();
    expect(router.describe(mainRecord())).toEqual({ topic: 'orders', partition: 3, offset: '42', attempt: 1 });
    expect(router.describe(mainRecord({ headers: { attempt: '3' } }))).toEqual({
      topic: 'orders',
      partition: 3,
      offset: '42',
      attempt: 3,
    });
    await router.retry(mainRecord(), notYet);
    expect(router.describe(consumedFrom(producer.sent[0]!, 1, '77'))).toEqual({
      topic: 'orders',
      partition: 3,
      offset: '42',
      attempt: 2,
    });
  });

  it('shows a tier record without an origin header, or another group’s tier record, as itself', () => {
    const { router } = setup();
    expect(router.describe(mainRecord({ topic: 'g.retry.2', partition: 1, offset: '5', headers: {} }))).toEqual({
      topic: 'g.retry.2',
      partition: 1,
      offset: '5',
      attempt: 1,
    });
    const foreign = { 'x-original-topic': 'orders', 'x-original-partition': '3', 'x-original-offset': '42' };
    expect(router.describe(mainRecord({ topic: 'h.retry.1', partition: 1, offset: '5', headers: foreign }))).toEqual({
      topic: 'h.retry.1',
      partition: 1,
      offset: '5',
      attempt: 1,
    });
    const noOffset = { 'x-original-topic': 'orders', 'x-original-partition': '3', attempt: '2' };
    expect(router.describe(mainRecord({ topic: 'g.retry.1', partition: 1, offset: '5', headers: noOffset }))).toEqual({
      topic: 'orders',
      partition: 3,
      offset: '5',
      attempt: 2,
    });
  });
});

describe('failure router: endpoint failures are waited out', () => {
  const m3Down = new AppError('HTTP_5XX', 'M3 answered 500', { details: { status: 500, group: 'm3' } });

  /** Runs the record through every tier, `stepMs` apart; returns the topics it was sent to. */
  async function throughTiers(error: AppError, sends: number, stepMs: number, outageWaitMs = 60_000) {
    const { router, producer, clock } = setup([100, 1000, 5000], outageWaitMs);
    let r = mainRecord();
    for (let i = 0; i < sends; i += 1) {
      await router.retry(r, error);
      const last = producer.sent.at(-1);
      if (!last) throw new Error('nothing sent');
      r = { ...mainRecord(), topic: last.topic, headers: last.headers };
      clock.advance(stepMs);
    }
    return producer.sent.map((s) => ({ topic: s.topic, first: s.headers['x-first-failed-at'] }));
  }

  it('keeps a 5xx in the last tier until the outage wait has passed since its first failure, then dead-letters', async () => {
    const sent = await throughTiers(m3Down, 7, 10_000);
    expect(sent.map((s) => s.topic)).toEqual([
      'g.retry.1',
      'g.retry.2',
      'g.retry.3',
      'g.retry.3', // 30 s after the first failure: past the tiers, still waiting
      'g.retry.3',
      'g.retry.3',
      'g.dlq', // 60 s: the wait is over
    ]);
    // the first failure's time travels with the record
    expect(new Set(sent.slice(0, 6).map((s) => s.first))).toEqual(new Set([String(t0)]));
  });

  it('treats timeouts, resets and an open breaker as endpoint failures too', async () => {
    for (const code of ['HTTP_TIMEOUT', 'HTTP_CONNECTION', 'BREAKER_OPEN'] as const) {
      const sent = await throughTiers(new AppError(code, code), 5, 1_000);
      expect(sent.map((s) => s.topic)).toEqual(['g.retry.1', 'g.retry.2', 'g.retry.3', 'g.retry.3', 'g.retry.3']);
    }
  });

  it('dead-letters a failure of the record itself after the last tier, whatever the wait', async () => {
    const sent = await throughTiers(notYet, 4, 1_000);
    expect(sent.map((s) => s.topic)).toEqual(['g.retry.1', 'g.retry.2', 'g.retry.3', 'g.dlq']);
  });

  it('with outageWaitMs 0, dead-letters endpoint failures after the last tier as before', async () => {
    const sent = await throughTiers(m3Down, 4, 1_000, 0);
    expect(sent.map((s) => s.topic)).toEqual(['g.retry.1', 'g.retry.2', 'g.retry.3', 'g.dlq']);
  });

  it('waits 15 minutes by default', async () => {
    expect(DEFAULT_OUTAGE_WAIT_MS).toBe(900_000);
    const { router, producer, clock } = setup([100]);
    await router.retry(mainRecord(), m3Down);
    clock.advance(900_000 - 1);
    await router.retry(consumedFrom(producer.sent[0]!, 0, '0'), m3Down);
    clock.advance(1);
    await router.retry(consumedFrom(producer.sent[1]!, 0, '1'), m3Down);
    expect(producer.sent.map((s) => s.topic)).toEqual(['g.retry.1', 'g.retry.1', 'g.dlq']);
    expect(producer.sent.map((s) => s.headers['x-first-failed-at'])).toEqual([String(t0), String(t0), String(t0)]);
  });
});
