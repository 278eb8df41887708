import { describe, expect, it } from 'vitest';
import { memoryCheckpoints } from '../../backfill/checkpoint';
import { countWindow } from '../count';
import { runLive, type LiveDeps } from '../live';
import type { TopicRecord } from '../read';
import { ReplayHeader, replayRecord } from '../replay-record';
import { rangesOf, windowSize, type PartitionRange } from '../window';

const rec = (
  partition: number,
  offset: number,
  key: string | null,
  headers: Record<string, string> = {},
): TopicRecord => ({
  partition,
  offset: String(offset),
  key,
  value: Buffer.from(`${key}@${offset}`),
  headers,
  timestamp: 0,
});

describe('window ranges', () => {
  it('spans from the offset at --from to the one at --to, empty where they meet', () => {
    const ranges = rangesOf(
      [
        { partition: 1, offset: '4' },
        { partition: 0, offset: '10' },
      ],
      [
        { partition: 0, offset: '12' },
        { partition: 1, offset: '4' },
      ],
    );
    expect(ranges).toEqual([
      { partition: 0, start: 10n, end: 12n },
      { partition: 1, start: 4n, end: 4n },
    ]);
    expect(windowSize(ranges)).toBe(2);
  });
});

describe('replay records and counts', () => {
  it('keeps key, value and headers and adds where from and when', () => {
    const r = rec(2, 7, 'K', { 'causation-id': 'e1' });
    const out = replayRecord('ns.cdc.magento.order.v1', r, () => new Date('2026-12-01T00:00:00Z'));
    expect(out).toEqual({
      topic: 'ns.cdc.magento.order.v1',
      key: 'K',
      value: r.value,
      headers: {
        'causation-id': 'e1',
        'x-replay-of': 'ns.cdc.magento.order.v1/2/7',
        'x-replayed-at': '2026-12-01T00:00:00.000Z',
      },
    });
  });

  it('counts per partition and key, leaving out other keys and records that are replays', () => {
    const c = countWindow(
      [rec(0, 1, 'a'), rec(0, 2, 'b'), rec(1, 1, 'a'), rec(1, 2, 'a', { [ReplayHeader.replayOf]: 'x/1/0' })],
      ['a'],
    );
    expect([c.total, c.replayed, c.skippedOtherKey, c.skippedReplays]).toEqual([4, 2, 1, 1]);
    expect([...c.byPartition]).toEqual([
      [0, 1],
      [1, 1],
    ]);
    expect([...c.byKey]).toEqual([['a', 2]]);
  });
});

describe('live runner', () => {
  const topicRecords = [rec(0, 0, 'a'), rec(0, 1, 'b'), rec(0, 2, 'c'), rec(1, 5, 'd'), rec(1, 6, 'e')];
  const ranges: PartitionRange[] = [
    { partition: 0, start: 0n, end: 3n },
    { partition: 1, start: 5n, end: 7n },
  ];
  const deps = (
    checkpoints: ReturnType<typeof memoryCheckpoints>,
    produced: string[],
    extra: Partial<LiveDeps>,
  ): LiveDeps => ({
    job: 'replay:t:1',
    window: { topic: 't', from: 0, to: 1 },
    topic: 'ns.t',
    ranges: async () => ranges,
    partitions: [0, 1],
    read: async (rs) =>
      topicRecords.filter((r) =>
        rs.some((x) => x.partition === r.partition && BigInt(r.offset) >= x.start && BigInt(r.offset) < x.end),
      ),
    produce: async (r) => {
      produced.push(r.headers[ReplayHeader.replayOf] ?? '');
      return { topic: r.topic, partition: 0, offset: String(produced.length) };
    },
    checkpoints,
    now: () => 0,
    resume: false,
    every: 1,
    ...extra,
  });

  it('stopped after N and resumed, produces every record of the window once', async () => {
    const checkpoints = memoryCheckpoints();
    const produced: string[] = [];
    const first = await runLive(deps(checkpoints, produced, { limit: 2 }));
    expect(first).toMatchObject({ outcome: 'stopped', produced: 2 });
    const second = await runLive(deps(checkpoints, produced, { resume: true }));
    expect(second).toMatchObject({ outcome: 'done', produced: 5, read: 5, resumedAt: 2 });
    expect(produced).toEqual(['ns.t/0/0', 'ns.t/0/1', 'ns.t/0/2', 'ns.t/1/5', 'ns.t/1/6']);
    expect((await runLive(deps(checkpoints, produced, { resume: true }))).outcome).toBe('already-done');
    expect(produced).toHaveLength(5);
    const saved = checkpoints.get('replay:t:1/1');
    expect(saved).toMatchObject({ status: 'DONE', lastKey: '6', entity: 't', from: 'replay', produced: 2 });
    expect(JSON.parse(saved?.options ?? '{}')).toMatchObject({ partition: 1, start: '5', end: '7' });
  });

  it('refuses to resume a job that never ran', async () => {
    await expect(runLive(deps(memoryCheckpoints(), [], { resume: true }))).rejects.toThrow(
      /no checkpoint of job replay:t:1/,
    );
  });
});
