// processBatch on one partition's batch as KafkaJS hands it over (the payload faked as in
// abandoned-run.test.ts, no broker): what runs, what is committed and resolved, conflation, records
// finished before, a put-back or a record not yet due pausing the partition, and a refused commit.
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { createMetrics } from '../../src/core';
import { processBatch, type BatchContext } from '../../src/kafka/batch-processor';
import { createCompletedOffsets } from '../../src/kafka/completed-offsets';
import type { ConsumedRecord } from '../../src/kafka/handler';
import type { Disposition } from '../../src/kafka/message-processor';

const msg = (offset: number, key: string | null, headers: Record<string, string> = {}) => ({
  offset: String(offset),
  key: key === null ? null : Buffer.from(key),
  value: Buffer.from(`v${offset}`),
  headers,
  timestamp: '0',
  attributes: 0,
  size: 0,
});

interface Seen {
  commits: string[];
  resolved: string[];
  paused: number;
}

function payload(
  messages: ReturnType<typeof msg>[],
  opts: { commit?: (offset: string) => Promise<void>; stale?: boolean; highWatermark?: string } = {},
) {
  const seen: Seen = { commits: [], resolved: [], paused: 0 };
  const resume = () => undefined;
  const p = {
    batch: { topic: 't', partition: 3, messages, highWatermark: opts.highWatermark ?? '100' },
    heartbeat: async () => undefined,
    commitOffsetsIfNecessary: async (o: { topics: { partitions: { offset: string }[] }[] }) => {
      const offset = o.topics[0]!.partitions[0]!.offset;
      await opts.commit?.(offset);
      seen.commits.push(offset);
    },
    resolveOffset: (o: string) => void seen.resolved.push(o),
    isRunning: () => true,
    isStale: () => opts.stale ?? false,
    pause: () => {
      seen.paused += 1;
      return resume;
    },
  };
  return { payload: p as never, seen, resume };
}

function context(over: Partial<BatchContext> = {}) {
  const ran: string[] = [];
  const pauses: Array<{ topic: string; partition: number; until: Promise<void>; resume: () => void; reason: string }> =
    [];
  const metrics = createMetrics({ service: 'svc', collectDefaults: false });
  const ctx: BatchContext = {
    groupId: 'g',
    process: async (r: ConsumedRecord): Promise<Disposition> => {
      ran.push(`${r.key?.toString() ?? '-'}:${r.offset}:${r.value?.toString()}`);
      return { kind: 'done' };
    },
    maxInFlight: 4,
    heartbeatIntervalMs: 20,
    maxHandlerMs: 60_000,
    commitIntervalMs: 1000,
    rebalanceDrainMs: 50,
    completed: createCompletedOffsets(),
    onPause: (topic, partition, until, resume, reason) => void pauses.push({ topic, partition, until, resume, reason }),
    logger: pino({ level: 'silent' }),
    metrics,
    ...over,
  };
  const lag = async () => (await metrics.consumerLag.get()).values.map((v) => [v.labels, v.value]);
  const counted = async (outcome: string) =>
    (await metrics.messagesTotal.get()).values.filter((v) => v.labels.outcome === outcome).map((v) => v.value);
  return { ctx, ran, pauses, lag, counted };
}

describe('batch processor', () => {
  it('runs every record, resolves the last, commits the next offset and reports the lag left', async () => {
    const { payload: p, seen } = payload([msg(10, 'a'), msg(11, 'b'), msg(12, 'a')], { highWatermark: '20' });
    const { ctx, ran, pauses, lag } = context();
    await processBatch(p, ctx);
    expect(ran.sort()).toEqual(['a:10:v10', 'a:12:v12', 'b:11:v11']);
    expect(seen.resolved).toEqual(['12']);
    expect(seen.commits).toEqual(['13']);
    expect(pauses).toEqual([]);
    expect(await lag()).toEqual([[{ group: 'g', topic: 't', partition: '3' }, 7]]);
    expect(['10', '11', '12'].map((o) => ctx.completed.has('t', 3, o))).toEqual([false, false, false]); // pruned
  });

  it('does nothing for an empty batch', async () => {
    const { payload: p, seen } = payload([]);
    const { ctx, lag } = context();
    await processBatch(p, ctx);
    expect(seen).toEqual({ commits: [], resolved: [], paused: 0 });
    expect(await lag()).toEqual([]);
  });

  it('skips records this process finished in an earlier batch and commits past them', async () => {
    const { payload: p, seen } = payload([msg(5, 'a'), msg(6, 'b'), msg(7, 'c')]);
    const { ctx, ran } = context();
    ctx.completed.add('t', 3, '5');
    ctx.completed.add('t', 3, '7');
    await processBatch(p, ctx);
    expect(ran).toEqual(['b:6:v6']);
    expect(seen.commits).toEqual(['8']);
  });

  it('on a conflated topic runs only the newest record of a key and counts the others conflated', async () => {
    const { payload: p, seen } = payload([msg(1, 'A'), msg(2, 'B'), msg(3, 'A'), msg(4, 'A')]);
    const { ctx, ran, counted } = context({ conflate: new Set(['t']) });
    await processBatch(p, ctx);
    expect(ran.sort()).toEqual(['A:4:v4', 'B:2:v2']);
    expect(seen.commits).toEqual(['5']);
    expect(await counted('conflated')).toEqual([2]);
  });

  it('runs every record of a topic that is not conflated', async () => {
    const { payload: p } = payload([msg(1, 'A'), msg(2, 'A')]);
    const { ctx, ran, counted } = context({ conflate: new Set(['other']) });
    await processBatch(p, ctx);
    expect(ran).toEqual(['A:1:v1', 'A:2:v2']);
    expect(await counted('conflated')).toEqual([]);
  });

  it('pauses the partition on a put-back: starts nothing more and commits up to the record put back', async () => {
    const { payload: p, seen, resume } = payload([msg(1, 'a'), msg(2, 'b'), msg(3, 'c')]);
    const until = Promise.resolve();
    const { ctx, ran, pauses } = context({
      maxInFlight: 1,
      process: async (r): Promise<Disposition> => {
        ran.push(r.offset);
        return r.offset === '2' ? { kind: 'put-back', resumeWhen: until, reason: 'breaker-open' } : { kind: 'done' };
      },
    });
    await processBatch(p, ctx);
    expect(ran).toEqual(['1', '2']);
    expect(seen.resolved).toEqual(['1']);
    expect(seen.commits).toEqual(['2']);
    expect(seen.paused).toBe(1);
    expect(pauses).toEqual([{ topic: 't', partition: 3, until, resume, reason: 'breaker-open' }]);
  });

  it('pauses the partition until a record not yet due may run, and runs nothing from it on', async () => {
    const { payload: p, seen } = payload([msg(1, 'a'), msg(2, 'b'), msg(3, 'c')]);
    const due = Date.now() + 60;
    const { ctx, ran, pauses } = context({
      maxInFlight: 1,
      notBefore: (r) => (r.offset === '2' ? due : r.offset === '1' ? Date.now() - 1000 : undefined),
    });
    await processBatch(p, ctx);
    expect(ran).toEqual(['a:1:v1']);
    expect(seen.commits).toEqual(['2']);
    expect(pauses.map((x) => x.reason)).toEqual(['not-due']);
    await pauses[0]!.until;
    expect(Date.now()).toBeGreaterThanOrEqual(due - 5);
  });

  it('starts nothing of a batch gone stale, and commits nothing', async () => {
    const { payload: p, seen } = payload([msg(1, 'a')], { stale: true });
    const { ctx, ran } = context();
    await processBatch(p, ctx);
    expect(ran).toEqual([]);
    expect(seen.resolved).toEqual([]);
    expect(seen.commits).toEqual(['1']);
  });

  it('goes on after a commit that failed for another reason, and hands the batch back when one was refused for a rebalance', async () => {
    const failing = payload([msg(1, 'a')], {
      commit: async () => {
        throw new Error('broker away');
      },
    });
    await expect(processBatch(failing.payload, context().ctx)).resolves.toBeUndefined();

    const rebalance = Object.assign(new Error('rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
    const refused = payload([msg(1, 'a')], {
      commit: async () => {
        throw rebalance;
      },
    });
    await expect(processBatch(refused.payload, context().ctx)).rejects.toBe(rebalance);
  });
});
