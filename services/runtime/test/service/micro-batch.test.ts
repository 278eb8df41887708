import { describe, expect, it } from 'vitest';
import { createMicroBatcher, createUnbatched } from '../../src/service/micro-batch';

describe('micro-batcher', () => {
  it('flushes at maxItems and gives each caller its own result', async () => {
    const calls: number[][] = [];
    const b = createMicroBatcher<number, string>({
      maxItems: 3,
      maxWaitMs: 60_000,
      flush: async (items) => {
        calls.push(items);
        return items.map((i) => `r${i}`);
      },
    });
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => b.add(i)));
    expect(results).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(calls).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(b.pending()).toBe(0);
  });

  it('flushes a partial batch after maxWaitMs, and items queued during a flush go together next', async () => {
    const calls: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const b = createMicroBatcher<number, number>({
      maxItems: 100,
      maxWaitMs: 5,
      flush: async (items) => {
        calls.push(items);
        if (calls.length === 1) await gate;
        return items;
      },
    });
    const first = b.add(1);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([[1]]);
    const later = [b.add(2), b.add(3), b.add(4)];
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toHaveLength(1); // one flush at a time
    release();
    await Promise.all([first, ...later]);
    expect(calls).toEqual([[1], [2, 3, 4]]);
  });

  it('flushes when no item joined for idleMs, long before maxWaitMs', async () => {
    const calls: number[][] = [];
    const b = createMicroBatcher<number, number>({
      maxItems: 1000,
      maxWaitMs: 60_000,
      idleMs: 5,
      flush: async (items) => {
        calls.push(items);
        return items;
      },
    });
    const started = Date.now();
    await Promise.all([b.add(1), b.add(2), b.add(3)]);
    expect(calls).toEqual([[1, 2, 3]]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('a failed flush rejects every item of its batch, and the next batch still runs', async () => {
    let n = 0;
    const b = createMicroBatcher<number, number>({
      maxItems: 2,
      maxWaitMs: 1,
      flush: async (items) => {
        n += 1;
        if (n === 1) throw new Error('HTTP 503');
        return items;
      },
    });
    const failed = await Promise.allSettled([b.add(1), b.add(2)]);
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    await expect(b.add(3)).resolves.toBe(3);
  });
});

describe('unbatched (naive mode)', () => {
  it('gives each item its own flush and result, a failure only to its own item; drain waits for the calls', async () => {
    const calls: number[][] = [];
    const b = createUnbatched<number, number>(async (items) => {
      calls.push(items);
      await new Promise((r) => setTimeout(r, 5));
      if (items[0] === 2) throw new Error('HTTP 400');
      return items.map((i) => i * 10);
    });
    const settled = Promise.allSettled([b.add(1), b.add(2), b.add(3)]);
    expect(b.pending()).toBe(3);
    await b.drain();
    expect(b.pending()).toBe(0);
    expect((await settled).map((s) => (s.status === 'fulfilled' ? s.value : 'failed'))).toEqual([10, 'failed', 30]);
    expect(calls).toEqual([[1], [2], [3]]);
  });

  it('refuses a flush that does not return one result', async () => {
    const b = createUnbatched<number, number>(async () => []);
    await expect(b.add(1)).rejects.toThrow('flush returned 0 results for 1 item');
  });
});
