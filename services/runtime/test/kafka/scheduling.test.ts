import { describe, expect, it } from 'vitest';
import { runKeyOrdered } from '../../src/kafka/key-scheduler';
import { createOffsetTracker } from '../../src/kafka/offset-tracker';

describe('runKeyOrdered', () => {
  it('runs keys concurrently up to the limit and each key in order', async () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ key: `k${i % 10}`, n: i }));
    const seen = new Map<string, number[]>();
    let inFlight = 0;
    let max = 0;
    await runKeyOrdered(items, {
      maxInFlight: 4,
      keyOf: (i) => i.key,
      mayStart: () => true,
      run: async (i) => {
        inFlight += 1;
        max = Math.max(max, inFlight);
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        seen.set(i.key, [...(seen.get(i.key) ?? []), i.n]);
        inFlight -= 1;
      },
    });
    expect(max).toBe(4);
    for (const list of seen.values()) expect(list).toEqual([...list].sort((a, b) => a - b));
    expect([...seen.values()].flat()).toHaveLength(200);
  });

  it('freezes a key whose head may not start, and the rest keep going', async () => {
    const items = ['a1', 'b1', 'a2', 'c1'].map((s) => ({ key: s[0] as string, id: s }));
    const ran: string[] = [];
    await runKeyOrdered(items, {
      maxInFlight: 2,
      keyOf: (i) => i.key,
      mayStart: (i) => i.id !== 'a2',
      run: async (i) => void ran.push(i.id),
    });
    expect(ran.sort()).toEqual(['a1', 'b1', 'c1']);
  });
});

describe('offset tracker', () => {
  it('commits only up to the lowest unfinished offset', () => {
    const t = createOffsetTracker(['10', '11', '12', '13']);
    expect(t.committable()).toBe('10');
    t.finish('12');
    expect(t.committable()).toBe('10');
    t.finish('10');
    expect(t.committable()).toBe('11');
    t.finish('11');
    expect(t.committable()).toBe('13');
    t.finish('13');
    expect(t.committable()).toBe('14');
    expect(t.allFinished()).toBe(true);
  });
});
