// Which offsets a partition has finished: the commit point of one batch (offset tracker) and the offsets and
// runs this process finished above the committed point across batches (completed offsets).
import { describe, expect, it } from 'vitest';
import { createCompletedOffsets } from '../../src/kafka/completed-offsets';
import { createOffsetTracker } from '../../src/kafka/offset-tracker';

describe('offset tracker', () => {
  it('commits the first offset of a batch until it is finished, and one past the last once all are', () => {
    const t = createOffsetTracker(['7']);
    expect(t.committable()).toBe('7');
    expect(t.allFinished()).toBe(false);
    t.finish('7');
    expect(t.committable()).toBe('8');
    expect(t.allFinished()).toBe(true);
  });

  it('follows the offsets of the batch, gaps included (compacted topics), not offset + 1', () => {
    const t = createOffsetTracker(['100', '105', '230']);
    t.finish('100');
    expect(t.committable()).toBe('105');
    t.finish('230');
    expect(t.committable()).toBe('105');
    t.finish('105');
    expect(t.committable()).toBe('231');
  });

  it('reads offsets beyond 2^53 exactly', () => {
    const t = createOffsetTracker(['9007199254740993']);
    t.finish('9007199254740993');
    expect(t.committable()).toBe('9007199254740994');
  });

  it('has nothing to commit for an empty batch', () => {
    const t = createOffsetTracker([]);
    expect(t.committable()).toBe('0');
    expect(t.allFinished()).toBe(true);
  });
});

describe('completed offsets', () => {
  it('remembers finished offsets per topic and partition', () => {
    const c = createCompletedOffsets();
    c.add('t', 0, '5');
    expect(c.has('t', 0, '5')).toBe(true);
    expect(c.has('t', 1, '5')).toBe(false);
    expect(c.has('u', 0, '5')).toBe(false);
    expect(c.has('t', 0, '6')).toBe(false);
  });

  it('forgets the offsets below the committed one only, of that partition only', () => {
    const c = createCompletedOffsets();
    for (const o of ['3', '4', '5']) c.add('t', 0, o);
    c.add('t', 1, '3');
    c.prune('t', 0, '4');
    expect(['3', '4', '5'].map((o) => c.has('t', 0, o))).toEqual([false, true, true]);
    expect(c.has('t', 1, '3')).toBe(true);
  });

  it('knows a run until it settles, whether it resolves or rejects', async () => {
    const c = createCompletedOffsets();
    let finish!: (v: string) => void;
    const run = new Promise<string>((r) => (finish = r));
    expect(c.track('t', 0, '9', run)).toBe(run);
    expect(c.running('t', 0, '9')).toBe(run);
    expect(c.running('t', 0, '10')).toBeUndefined();
    expect(c.running('t', 1, '9')).toBeUndefined();
    finish('done');
    await run;
    await Promise.resolve();
    expect(c.running('t', 0, '9')).toBeUndefined();

    const failing = Promise.reject(new Error('handler failed'));
    void c.track('t', 0, '11', failing);
    await failing.catch(() => undefined);
    await Promise.resolve();
    expect(c.running('t', 0, '11')).toBeUndefined();
  });

  it('keeps the newer run of a record when an older one settles after it was replaced', async () => {
    const c = createCompletedOffsets();
    let finishOld!: () => void;
    const old = new Promise<void>((r) => (finishOld = r));
    const newer = new Promise<void>(() => undefined);
    void c.track('t', 0, '1', old);
    void c.track('t', 0, '1', newer);
    finishOld();
    await old;
    await Promise.resolve();
    expect(c.running('t', 0, '1')).toBe(newer);
  });

  it('does not confuse topics and partitions whose names run into each other', () => {
    const c = createCompletedOffsets();
    c.add('t1', 1, '1');
    expect(c.has('t', 11, '1')).toBe(false);
    void c.track('t1', 1, '1', new Promise<void>(() => undefined));
    expect(c.running('t', 11, '1')).toBeUndefined();
  });
});
