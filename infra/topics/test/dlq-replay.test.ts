// The dead-letter tool's pure parts: a dead letter mapped to the record replayed into its original topic,
// what is skipped and why, the selectors, the DLQ names per service, and the printed lines.
import { describe, expect, it } from 'vitest';
import type { DeadLetter, Delivery, RawRecord } from '@m3mage/runtime';
import type { DlqRecord } from '../dlq/read';
import { planReplay, replay, replayDecision } from '../dlq/replay';
import { parseOffsets, select, SelectorError, selectorOf } from '../dlq/select';
import { dlqSource, dlqSources, UnknownServiceError } from '../dlq/sources';
import { formatLetter, formatList, formatReport } from '../dlq/format';

const DLQ = 'ns.transformer.dlq';
const clock = () => new Date('2025-05-01T12:00:00.000Z');

function letter(over: Partial<DeadLetter> = {}): DeadLetter {
  return {
    originalTopic: 'ns.cdc.magento.order.v1',
    originalPartition: 2,
    originalOffset: 1234,
    originalKey: '100000042',
    originalValue: Buffer.from([0, 0, 0, 0, 7, 1, 2, 3]),
    originalHeaders: { 'correlation-id': 'c-42', 'event-type': 'MagentoOrderChange', attempt: '4' },
    errorClass: 'permanent',
    errorCode: 'MAPPING_UNMAPPABLE',
    errorMessage: 'no warehouse for source XYZ',
    stage: 'retry-exhausted',
    attempts: 4,
    failedAt: Date.parse('2025-04-30T08:00:00.000Z'),
    service: 'transformer',
    group: 'ns.transformer',
    ...over,
  };
}

function rec(offset: number, over: Partial<DeadLetter> = {}, partition = 0): DlqRecord {
  const l = letter(over);
  return { partition, offset: String(offset), key: l.originalKey, headers: {}, letter: l };
}

const mapLetter = (offset: number): DlqRecord =>
  rec(offset, {
    originalTopic: 'magento-rest:/V1/orders/42',
    originalPartition: -1,
    originalOffset: -1,
    originalValue: Buffer.from('{"entity":"order","entityId":42}'),
    stage: 'map',
    service: 'magento-ingest',
  });

describe('replay mapping', () => {
  it('produces the original bytes and key back to the original topic, attempt reset, replay headers added', () => {
    const r = rec(3);
    const d = replayDecision(DLQ, r, clock);
    expect(d.action).toBe('replay');
    if (d.action !== 'replay') return;
    expect(d.record).toEqual({
      topic: 'ns.cdc.magento.order.v1',
      key: '100000042',
      value: r.letter?.originalValue,
      headers: {
        'correlation-id': 'c-42',
        'event-type': 'MagentoOrderChange',
        attempt: '1',
        'x-replay-count': '1',
        'x-replayed-from': 'ns.transformer.dlq:0:3',
        'x-replayed-at': '2025-05-01T12:00:00.000Z',
      },
    });
    expect(d.record.value).toBe(r.letter?.originalValue); // the very bytes, not a re-encoding
    expect(d.record).not.toHaveProperty('partition'); // the key decides, as for the original producer
  });

  it('sets attempt 1 also when the original carried no attempt header, and replaces an earlier replay mark', () => {
    const d = replayDecision(
      DLQ,
      rec(5, { originalHeaders: { 'x-replayed-from': 'ns.transformer.dlq:0:1', 'x-replayed-at': 'old' } }, 1),
      clock,
    );
    // replayed by a tool without the counter: counts as once, so this is the second replay
    expect(d.action === 'replay' && d.record.headers).toEqual({
      attempt: '1',
      'x-replay-count': '2',
      'x-replayed-from': 'ns.transformer.dlq:1:5',
      'x-replayed-at': '2025-05-01T12:00:00.000Z',
    });
  });

  it('replays a tombstone as a tombstone', () => {
    const d = replayDecision(DLQ, rec(4, { originalValue: null }), clock);
    expect(d.action === 'replay' && d.record.value).toBeNull();
  });

  it('skips what was read from a source API (stage map): the fix is in the source', () => {
    const d = replayDecision('magento-ingest.dlq', mapLetter(0), clock);
    expect(d).toEqual({
      action: 'skip',
      reason:
        'read from magento-rest:/V1/orders/42 (stage map), not from Kafka: fix it in the source system; its next version flows by itself',
    });
    // partition -1 alone, or a topic name Kafka cannot have, is enough
    expect(replayDecision(DLQ, rec(1, { originalPartition: -1 }), clock).action).toBe('skip');
    expect(replayDecision(DLQ, rec(1, { originalTopic: 'magento-rest:/V1/orders/1' }), clock).action).toBe('skip');
  });

  it('skips unreadable dead letters and originals that are retry or DLQ topics', () => {
    const unreadable: DlqRecord = {
      partition: 0,
      offset: '9',
      key: 'k',
      headers: {},
      letter: undefined,
      problem: 'not a readable DeadLetter: bad bytes',
    };
    expect(replayDecision(DLQ, unreadable, clock)).toEqual({
      action: 'skip',
      reason: 'not a readable DeadLetter: bad bytes',
    });
    expect(replayDecision(DLQ, rec(1, { originalTopic: 'ns.transformer.retry.2' }), clock)).toMatchObject({
      action: 'skip',
      reason: 'original topic ns.transformer.retry.2 is a retry or dead-letter topic',
    });
    expect(replayDecision(DLQ, rec(1, { originalTopic: 'ns.m3-writer.dlq' }), clock).action).toBe('skip');
  });

  it('plans in DLQ order and skips topics the broker does not have', () => {
    const plan = planReplay(DLQ, [rec(7), rec(2, { originalTopic: 'ns.gone.v1' }), rec(1, {}, 1)], {
      now: clock,
      topicExists: (t) => t !== 'ns.gone.v1',
    });
    expect(plan.map((p) => [p.entry.from, p.decision.action])).toEqual([
      ['ns.transformer.dlq:0:2', 'skip'],
      ['ns.transformer.dlq:0:7', 'replay'],
      ['ns.transformer.dlq:1:1', 'replay'],
    ]);
    expect(plan[0]?.decision).toEqual({ action: 'skip', reason: 'topic ns.gone.v1 does not exist on the broker' });
  });
});

describe('replay()', () => {
  const producer = (fail?: (r: RawRecord) => boolean) => {
    const sent: RawRecord[] = [];
    return {
      sent,
      sendRaw: async (r: RawRecord): Promise<Delivery> => {
        if (fail?.(r)) throw new Error('broker said no');
        sent.push(r);
        return { topic: r.topic, partition: 2, offset: String(100 + sent.length) };
      },
    };
  };

  it('produces the replayable ones in order and reports the skipped with their reasons', async () => {
    const p = producer();
    const report = await replay(p, DLQ, [rec(5, { originalKey: 'b' }), mapLetter(1), rec(3, { originalKey: 'a' })], {
      now: clock,
    });
    expect(p.sent.map((r) => r.key)).toEqual(['a', 'b']);
    expect(report.replayed.map((r) => [r.from, r.delivery?.offset])).toEqual([
      ['ns.transformer.dlq:0:3', '101'],
      ['ns.transformer.dlq:0:5', '102'],
    ]);
    expect(report.skipped).toEqual([
      { from: 'ns.transformer.dlq:0:1', key: '100000042', reason: expect.stringContaining('stage map') as string },
    ]);
    expect(report.failed).toEqual([]);
    expect(formatReport('transformer', report)).toContain(
      'transformer (ns.transformer.dlq): 2 replayed, 1 skipped (1 × read from magento-rest:/V1/orders/42',
    );
  });

  it('produces nothing in a dry run', async () => {
    const p = producer();
    const report = await replay(p, DLQ, [rec(1), rec(2)], { dryRun: true, now: clock });
    expect(p.sent).toEqual([]);
    expect(report.replayed).toHaveLength(2);
    expect(report.replayed[0]?.delivery).toBeUndefined();
    expect(formatReport('transformer', report)).toMatch(/2 would replay, 0 skipped — dry run, nothing produced$/);
  });

  it('reports records the producer could not write as failed', async () => {
    const p = producer((r) => r.key === 'bad');
    const report = await replay(p, DLQ, [rec(1, { originalKey: 'bad' }), rec(2, { originalKey: 'good' })]);
    expect(report.replayed.map((r) => r.key)).toEqual(['good']);
    expect(report.failed).toEqual([{ from: 'ns.transformer.dlq:0:1', key: 'bad', reason: 'broker said no' }]);
  });
});

describe('selection', () => {
  const records = [
    rec(0, { originalKey: 'a', errorCode: 'X' }),
    rec(1, { originalKey: 'b', errorCode: 'Y' }),
    rec(2, { originalKey: 'a', errorCode: 'Y' }),
    rec(0, { originalKey: 'c' }, 1),
  ];
  const offsets = (s: ReturnType<typeof select>) => s.selected.map((r) => `${r.partition}:${r.offset}`);

  it('selects by DLQ offset (any partition, or partition:offset) and names the offsets it lacks', () => {
    expect(offsets(select(records, { kind: 'offsets', offsets: parseOffsets('2, 7') }))).toEqual(['0:2']);
    expect(select(records, { kind: 'offsets', offsets: parseOffsets('2,7') }).notFound).toEqual(['offset 7']);
    expect(offsets(select(records, { kind: 'offsets', offsets: parseOffsets('0') }))).toEqual(['0:0', '1:0']);
    expect(offsets(select(records, { kind: 'offsets', offsets: parseOffsets('1:0') }))).toEqual(['1:0']);
    expect(select(records, { kind: 'offsets', offsets: parseOffsets('1:1') }).notFound).toEqual(['offset 1:1']);
  });

  it('selects by key, by error code, or all', () => {
    expect(offsets(select(records, { kind: 'key', key: 'a' }))).toEqual(['0:0', '0:2']);
    expect(select(records, { kind: 'key', key: 'zz' })).toEqual({ selected: [], notFound: ['key zz'] });
    expect(offsets(select(records, { kind: 'code', code: 'Y' }))).toEqual(['0:1', '0:2']);
    expect(select(records, { kind: 'all' }).selected).toHaveLength(4);
  });

  it('takes exactly one selector from the options', () => {
    expect(selectorOf({ key: 'a' })).toEqual({ kind: 'key', key: 'a' });
    expect(selectorOf({ offset: '3,5' })).toEqual({ kind: 'offsets', offsets: [{ offset: '3' }, { offset: '5' }] });
    expect(selectorOf({ all: true })).toEqual({ kind: 'all' });
    expect(() => selectorOf({})).toThrow(SelectorError);
    expect(() => selectorOf({ all: true, key: 'a' })).toThrow('give one selector, not --key and --all');
    expect(() => parseOffsets('3,x')).toThrow('"x" is not a DLQ offset');
  });
});

describe('DLQ topics per service', () => {
  it('lists the groups and the ingest services, under the namespace', () => {
    expect(dlqSources('sandbox-1.')).toEqual([
      { service: 'transformer', topic: 'sandbox-1.transformer.dlq' },
      { service: 'm3-writer', topic: 'sandbox-1.m3-writer.dlq' },
      { service: 'magento-writer', topic: 'sandbox-1.magento-writer.dlq' },
      { service: 'magento-ingest', topic: 'sandbox-1.magento-ingest.dlq' },
      { service: 'm3-ion-ingest', topic: 'sandbox-1.m3-ion-ingest.dlq' },
    ]);
    expect(dlqSource('m3-writer')).toEqual({ service: 'm3-writer', topic: 'm3-writer.dlq' });
    expect(() => dlqSource('magento')).toThrow(UnknownServiceError);
  });
});

describe('list output', () => {
  it('prints one line per dead letter with its facts, and notes what cannot be replayed', () => {
    const long = `${'x'.repeat(130)}\nsecond line`;
    const line = formatLetter(DLQ, rec(3, { errorMessage: long }));
    expect(line).toBe(
      `  3  key=100000042  2025-04-30T08:00:00.000Z  retry-exhausted  MAPPING_UNMAPPABLE  attempts=4  ns.cdc.magento.order.v1[2]@1234  ${'x'.repeat(120)}`,
    );
    expect(formatLetter('magento-ingest.dlq', mapLetter(0))).toContain('(not replayable: read from magento-rest');
    expect(formatLetter(DLQ, rec(4, { originalHeaders: { 'x-replayed-from': `${DLQ}:0:3` } }))).toContain(
      '(failed again after a replay from ns.transformer.dlq:0:3)',
    );
  });

  it('counts per service, shows the newest N with --limit, and says when a topic is missing', () => {
    const out = formatList(
      [
        { service: 'transformer', topic: DLQ, records: [rec(0), rec(1), rec(2)] },
        { service: 'magento-ingest', topic: 'ns.magento-ingest.dlq', records: undefined },
      ],
      1,
    );
    expect(out.split('\n')).toEqual([
      'transformer (ns.transformer.dlq): 3 dead letters',
      '  … 2 older not shown',
      expect.stringMatching(/^ {2}2 {2}key=100000042 /) as string,
      'magento-ingest (ns.magento-ingest.dlq): topic does not exist',
      'dead letters: transformer 3, magento-ingest - (total 3)',
    ]);
  });
});
