// The redrive's pure parts: filters that combine (keys with wildcards, codes, stages, time bounds, offsets),
// the replay counter and its maximum, dead letters superseded by their own failed replays, the steps a
// checkpointed run saves, the job's checkpoints, and the dry-run text.
import { describe, expect, it } from 'vitest';
import type { DeadLetter, Delivery, RawRecord } from '@m3mage/runtime';
import { memoryCheckpoints } from '../../backfill/checkpoint';
import { dlqJobId, freshPoints, remainingOf, savedPoints, saver } from '../dlq/checkpoint';
import { formatLetter, formatReport } from '../dlq/format';
import type { DlqRecord } from '../dlq/read';
import { planReplay, replay, replayCountOf, replayDecision, type ReplayStep } from '../dlq/replay';
import { describeSelector, keyPattern, select, SelectorError, selectorOf, type Selector } from '../dlq/select';

const DLQ = 'ns.transformer.dlq';
const clock = () => new Date('2025-05-01T12:00:00.000Z');
const at = (iso: string) => Date.parse(iso);

function rec(offset: number, over: Partial<DeadLetter> = {}, partition = 0): DlqRecord {
  const l: DeadLetter = {
    originalTopic: 'ns.cdc.magento.order.v1',
    originalPartition: 0,
    originalOffset: offset,
    originalKey: `k-${offset}`,
    originalValue: Buffer.from([offset]),
    originalHeaders: { 'correlation-id': `c-${offset}` },
    errorClass: 'permanent',
    errorCode: 'MAPPING_UNMAPPABLE',
    errorMessage: 'no warehouse for source XYZ',
    stage: 'handler',
    attempts: 1,
    failedAt: at('2025-04-30T08:00:00.000Z'),
    service: 'transformer',
    group: 'ns.transformer',
    ...over,
  };
  return { partition, offset: String(offset), key: l.originalKey, headers: {}, letter: l };
}

const records = [
  rec(0, { originalKey: '100000041', errorCode: 'A', stage: 'handler', failedAt: at('2025-05-01T09:00:00Z') }),
  rec(1, { originalKey: '100000042', errorCode: 'B', stage: 'retry-exhausted', failedAt: at('2025-05-01T10:00:00Z') }),
  rec(2, { originalKey: '200000042', errorCode: 'A', stage: 'retry-exhausted', failedAt: at('2025-05-01T11:00:00Z') }),
  rec(3, { originalKey: '100000043', errorCode: 'C', stage: 'decode', failedAt: at('2025-05-01T12:00:00Z') }),
  rec(0, { originalKey: 'x1000', errorCode: 'A', stage: 'handler', failedAt: at('2025-05-01T10:30:00Z') }, 1),
];
const picked = (s: Selector) => select(records, s).selected.map((r) => `${r.partition}:${r.offset}`);
const sel = (o: Parameters<typeof selectorOf>[0]) => selectorOf(o);

describe('filters', () => {
  it('matches a key pattern with * anywhere; a plain key only exactly; other characters are literal', () => {
    expect(picked(sel({ key: '1000000*' }))).toEqual(['0:0', '0:1', '0:3']);
    expect(picked(sel({ key: '*42' }))).toEqual(['0:1', '0:2']);
    expect(picked(sel({ key: '*000*' }))).toEqual(['0:0', '0:1', '0:2', '0:3', '1:0']);
    expect(picked(sel({ key: '100000042' }))).toEqual(['0:1']);
    expect(select(records, sel({ key: '10000004' })).notFound).toEqual(['key 10000004']);
    expect(keyPattern('a.b*').test('a.bc')).toBe(true);
    expect(keyPattern('a.b*').test('axbc')).toBe(false); // the dot is a dot
  });

  it('combines filters with AND: codes (a list), stage, time bounds, key, offsets', () => {
    expect(picked(sel({ code: 'A,B' }))).toEqual(['0:0', '0:1', '0:2', '1:0']);
    expect(picked(sel({ code: 'A', stage: 'retry-exhausted' }))).toEqual(['0:2']);
    expect(picked(sel({ code: 'A', key: '1*' }))).toEqual(['0:0']);
    expect(picked(sel({ stage: 'handler', since: '2025-05-01T10:00:00Z' }))).toEqual(['1:0']);
    // in the order the offsets were given (replay sorts by DLQ position)
    expect(picked(sel({ offset: '0,1,2', code: 'A' }))).toEqual(['0:0', '1:0', '0:2']);
    expect(picked(sel({ offset: '0:0,0:1,0:2', code: 'A', stage: 'handler' }))).toEqual(['0:0']);
  });

  it('takes --since inclusive and --until exclusive on the time the dead letter failed', () => {
    expect(picked(sel({ since: '2025-05-01T10:00:00Z', until: '2025-05-01T11:00:00Z' }))).toEqual(['0:1', '1:0']);
    expect(picked(sel({ until: '2025-05-01T10:00:00Z' }))).toEqual(['0:0']);
    expect(picked(sel({ since: '2025-05-01T12:00:00.000+00:00' }))).toEqual(['0:3']);
    expect(picked(sel({ since: '2025-05-02' }))).toEqual([]);
    // an unreadable dead letter is placed by its x-failed-at header, or by nothing
    const unreadable = (h: Record<string, string>): DlqRecord => ({
      partition: 0,
      offset: '9',
      key: 'k',
      headers: h,
      letter: undefined,
      problem: 'bad bytes',
    });
    const since = sel({ since: '2025-05-01T00:00:00Z' });
    expect(select([unreadable({ 'x-failed-at': '2025-05-01T01:00:00.000Z' })], since).selected).toHaveLength(1);
    expect(select([unreadable({})], since).selected).toHaveLength(0);
  });

  it('names the filters when together they match nothing, and what each alone matched', () => {
    expect(select(records, sel({ code: 'C', stage: 'handler' }))).toEqual({
      selected: [],
      notFound: ['dead letters matching --code C and --stage handler (--code C alone: 1, --stage handler alone: 2)'],
    });
    expect(select(records, sel({ offset: '3,8', code: 'A' })).notFound).toEqual([
      'offset 8',
      'dead letters matching --code A among the 1 at --offset (--code A alone: 0)',
    ]);
    expect(select(records, sel({ stage: 'map' })).notFound).toEqual(['stage map']);
    expect(select(records, sel({ code: 'Z,Y' })).notFound).toEqual(['error code Z,Y']);
    expect(describeSelector(sel({ offset: '1:3', key: 'k*', since: '2025-05-01' }))).toBe(
      '--offset 1:3 --key k* --since 2025-05-01T00:00:00.000Z',
    );
  });

  it('keeps the single-selector shapes and refuses bad filters as usage errors', () => {
    expect(sel({ key: 'a*' })).toEqual({ kind: 'key', key: 'a*' });
    expect(sel({ code: 'A' })).toEqual({ kind: 'code', code: 'A' });
    expect(sel({ code: 'A,B' })).toEqual({ kind: 'filters', filters: { codes: ['A', 'B'] } });
    expect(selectorOf({}, false)).toEqual({ kind: 'all' });
    expect(() => sel({ stage: 'handlr' })).toThrow(
      '--stage "handlr" is not a stage: one of decode, handler, retry-exhausted, map',
    );
    expect(() => sel({ since: '2025-05-01T10:00' })).toThrow(SelectorError);
    expect(() => sel({ since: '2025-05-02', until: '2025-05-01' })).toThrow('is not before --until');
    expect(() => sel({ code: 'A', all: true })).toThrow('give one selector, not --code and --all');
    expect(() => sel({ code: ' , ' })).toThrow('--code needs an error code');
  });
});

describe('replay counter and maximum', () => {
  const replayed = (count: number | undefined): DlqRecord =>
    rec(7, {
      originalHeaders: {
        'x-replayed-from': `${DLQ}:0:6`,
        ...(count === undefined ? {} : { 'x-replay-count': String(count) }),
      },
      errorCode: 'M3_NOK',
      errorMessage: 'Customer   does not exist\n(CRS610MI)',
    });

  it('counts the replays a dead letter went through; a replay without the counter counts once', () => {
    expect(replayCountOf({})).toBe(0);
    expect(replayCountOf({ 'x-replayed-from': 'x' })).toBe(1);
    expect(replayCountOf({ 'x-replayed-from': 'x', 'x-replay-count': '2' })).toBe(2);
    expect(replayCountOf({ 'x-replay-count': 'junk' })).toBe(0);
  });

  it('writes count + 1 on the replayed record, below the maximum', () => {
    const d = replayDecision(DLQ, replayed(2), clock);
    expect(d.action === 'replay' && d.record.headers['x-replay-count']).toBe('3');
    expect(replayDecision(DLQ, rec(1), clock)).toMatchObject({ record: { headers: { 'x-replay-count': '1' } } });
  });

  it('stops a dead letter at the maximum with the last error, unless forced or the maximum is higher', () => {
    expect(replayDecision(DLQ, replayed(3), clock)).toEqual({
      action: 'stop',
      count: 3,
      reason: 'stopped: replayed 3 times, still failing (last error M3_NOK: Customer does not exist (CRS610MI))',
    });
    expect(replayDecision(DLQ, replayed(1), clock, { maxReplays: 1 })).toMatchObject({
      reason: expect.stringMatching(/^stopped: replayed 1 time, still failing/) as string,
    });
    const forced = replayDecision(DLQ, replayed(3), clock, { force: true });
    expect(forced.action === 'replay' && forced.record.headers['x-replay-count']).toBe('4');
    expect(replayDecision(DLQ, replayed(3), clock, { maxReplays: 5 }).action).toBe('replay');
    expect(formatLetter(DLQ, replayed(3))).toContain('(stopped: replayed 3 times, still failing (last error M3_NOK');
  });

  it('skips a dead letter whose replay failed again (the later dead letter is replayed instead)', () => {
    const first = rec(6);
    const again = rec(9, { originalHeaders: { 'x-replayed-from': `${DLQ}:0:6`, 'x-replay-count': '1' } });
    const plan = planReplay(DLQ, [first, again], { now: clock });
    expect(plan.map((p) => [p.entry.from, p.decision.action])).toEqual([
      [`${DLQ}:0:6`, 'skip'],
      [`${DLQ}:0:9`, 'replay'],
    ]);
    expect(plan[0]?.decision).toEqual({
      action: 'skip',
      reason: 'replayed before and failed again: the later dead letter is replayed instead',
      detail: `failed again as ${DLQ}:0:9`,
    });
    // also when only the first is selected: the context is the whole DLQ
    expect(planReplay(DLQ, [first], { now: clock, context: [first, again] })[0]?.decision.action).toBe('skip');
  });
});

describe('replay() in steps', () => {
  const producer = () => {
    const sent: RawRecord[] = [];
    return {
      sent,
      sendRaw: async (r: RawRecord): Promise<Delivery> => {
        sent.push(r);
        return { topic: r.topic, partition: 0, offset: String(sent.length) };
      },
    };
  };
  const many = [rec(0), rec(1), rec(2, { stage: 'map', originalPartition: -1 }), rec(3), rec(0, {}, 1), rec(1, {}, 1)];

  it('reports each step per partition once acknowledged, and stops at the limit', async () => {
    const steps: ReplayStep[] = [];
    const p = producer();
    const report = await replay(p, DLQ, many, { now: clock, every: 2, onStep: async (s) => void steps.push(s) });
    expect(steps).toEqual([
      { partition: 0, lastOffset: '1', read: 2, produced: 2, skipped: 0 },
      { partition: 0, lastOffset: '3', read: 2, produced: 1, skipped: 1 },
      { partition: 1, lastOffset: '1', read: 2, produced: 2, skipped: 0 },
    ]);
    expect(p.sent).toHaveLength(5);
    expect(report.interrupted).toBe(false);

    const limited: ReplayStep[] = [];
    const q = producer();
    const stopped = await replay(q, DLQ, many, { every: 2, limit: 3, onStep: async (s) => void limited.push(s) });
    expect(q.sent.map((r) => r.headers['x-replayed-from'])).toEqual([`${DLQ}:0:0`, `${DLQ}:0:1`, `${DLQ}:0:3`]);
    expect(limited.at(-1)).toEqual({ partition: 0, lastOffset: '3', read: 2, produced: 1, skipped: 1 });
    expect(stopped.interrupted).toBe(true);
  });

  it('puts stopped dead letters in the report and the summary', async () => {
    const tired = rec(4, { originalHeaders: { 'x-replay-count': '3' } });
    const report = await replay(producer(), DLQ, [rec(1), tired], { dryRun: true, now: clock });
    expect(report.stopped).toEqual([{ from: `${DLQ}:0:4`, key: 'k-4', reason: expect.any(String) as string }]);
    expect(formatReport('transformer', report)).toMatch(
      /1 would replay, 0 skipped, 1 stopped \(replayed the maximum number of times, still failing; --force replays them\) — dry run, nothing produced$/,
    );
  });

  it('a dry run shows the count per original topic and code, then the first N lines', async () => {
    const dry = [rec(0), rec(1, { errorCode: 'B' }), rec(2), rec(3, { originalTopic: 'ns.cmd.m3.order.v1' })];
    const report = await replay(producer(), DLQ, dry, { dryRun: true, now: clock });
    const text = formatReport('transformer', report, 2).split('\n');
    expect(text).toEqual([
      'would replay 3 to ns.cdc.magento.order.v1 (MAPPING_UNMAPPABLE 2, B 1)',
      'would replay 1 to ns.cmd.m3.order.v1 (MAPPING_UNMAPPABLE 1)',
      `would replay  ${DLQ}:0:0  key=k-0  → ns.cdc.magento.order.v1  (1 bytes, replay 1)`,
      `would replay  ${DLQ}:0:1  key=k-1  → ns.cdc.magento.order.v1  (1 bytes, replay 1)`,
      '  … 2 more not shown (--limit N)',
      'transformer (ns.transformer.dlq): 4 would replay, 0 skipped — dry run, nothing produced',
    ]);
  });
});

describe('the job and its checkpoints', () => {
  it('names a job by service and filters, whatever their order', () => {
    const a = dlqJobId('transformer', sel({ code: 'B,A', stage: 'handler' }));
    expect(a).toMatch(/^dlq:transformer:[0-9a-f]{12}$/);
    expect(dlqJobId('transformer', sel({ stage: 'handler', code: 'A,B' }))).toBe(a);
    expect(dlqJobId('m3-writer', sel({ stage: 'handler', code: 'A,B' }))).not.toBe(a);
    expect(dlqJobId('transformer', sel({ stage: 'handler' }))).not.toBe(a);
  });

  it('fixes the ranges on a fresh run and resumes after the last offset saved, up to the same end', async () => {
    const store = memoryCheckpoints();
    const job = 'dlq:transformer:abc';
    const points = freshPoints(job, records, 1000);
    expect(points.map((p) => [p.partition, p.range.start, p.range.end])).toEqual([
      [0, 0n, 4n],
      [1, 0n, 1n],
    ]);
    const save = saver(store, DLQ, sel({ code: 'A' }), () => 2000);
    const first = points[0];
    if (!first) throw new Error('no partition 0');
    first.lastOffset = 1n;
    first.read = 2;
    for (const p of points) await save(p);
    expect(store.saved[0]).toMatchObject({
      job: `${job}/0`,
      entity: DLQ,
      from: 'dlq',
      lastKey: '1',
      status: 'RUNNING',
      read: 2,
      options: JSON.stringify({ dlq: DLQ, filters: '--code A', partition: 0, start: '0', end: '4' }),
    });

    const later = [...records, rec(4), rec(5)]; // dead-lettered after the first run: not part of the job
    const saved = savedPoints(store, job, later);
    expect(saved.map((p) => [p.partition, p.lastOffset])).toEqual([
      [0, 1n],
      [1, undefined],
    ]);
    expect(remainingOf(saved, later).map((r) => `${r.partition}:${r.offset}`)).toEqual(['0:2', '0:3', '1:0']);
    const done = saved.map((p) => ({ ...p, done: true }));
    expect(remainingOf(done, later)).toEqual([]);
    expect(savedPoints(store, 'dlq:transformer:other', later)).toEqual([]);
  });
});
