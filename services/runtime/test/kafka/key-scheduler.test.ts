// runKeyOrdered: the start order across keys, records without a key, the in-flight limit, and a frozen key.
import { describe, expect, it } from 'vitest';
import { runKeyOrdered } from '../../src/kafka/key-scheduler';

interface Item {
  key: string | null;
  id: string;
}
const items = (...ids: string[]): Item[] => ids.map((id) => ({ key: id[0] === '_' ? null : id[0]!, id }));

/** A run that finishes when the test says so; records start and finish order. */
function controlled() {
  const started: string[] = [];
  const finished: string[] = [];
  const pending = new Map<string, () => void>();
  const run = (i: Item) =>
    new Promise<void>((resolve) => {
      started.push(i.id);
      pending.set(i.id, () => {
        finished.push(i.id);
        resolve();
      });
    });
  const finish = async (id: string) => {
    pending.get(id)!();
    pending.delete(id);
    await new Promise((r) => setImmediate(r));
  };
  return { run, started, finished, finish };
}

describe('runKeyOrdered', () => {
  it('starts keys in the order their first item arrived, one item per key at a time', async () => {
    const c = controlled();
    const done = runKeyOrdered(items('a1', 'b1', 'a2', 'c1', 'b2'), {
      maxInFlight: 2,
      keyOf: (i) => i.key,
      mayStart: () => true,
      run: c.run,
    });
    expect(c.started).toEqual(['a1', 'b1']);
    await c.finish('a1');
    expect(c.started).toEqual(['a1', 'b1', 'c1']); // a2 waits behind c, which arrived first
    await c.finish('b1');
    expect(c.started).toEqual(['a1', 'b1', 'c1', 'a2']);
    await c.finish('c1');
    expect(c.started).toEqual(['a1', 'b1', 'c1', 'a2', 'b2']);
    await c.finish('a2');
    await c.finish('b2');
    await done;
    expect(c.finished).toEqual(['a1', 'b1', 'c1', 'a2', 'b2']);
  });

  it('runs items without a key side by side, each in its own lane', async () => {
    const c = controlled();
    const done = runKeyOrdered(items('_1', '_2', '_3'), {
      maxInFlight: 3,
      keyOf: (i) => i.key,
      mayStart: () => true,
      run: c.run,
    });
    expect(c.started).toEqual(['_1', '_2', '_3']);
    for (const id of ['_3', '_1', '_2']) await c.finish(id);
    await done;
  });

  it('resolves at once for no items, and for items none of which may start', async () => {
    let ran = 0;
    const run = async () => void (ran += 1);
    await runKeyOrdered([], { maxInFlight: 1, keyOf: () => 'k', mayStart: () => true, run });
    await runKeyOrdered(items('a1', 'b1'), { maxInFlight: 1, keyOf: (i) => i.key, mayStart: () => false, run });
    expect(ran).toBe(0);
  });

  it('asks before each start and leaves a frozen key’s later items unstarted', async () => {
    const asked: string[] = [];
    const ran: string[] = [];
    await runKeyOrdered(items('a1', 'a2', 'a3', 'b1', 'b2'), {
      maxInFlight: 1,
      keyOf: (i) => i.key,
      mayStart: (i) => {
        asked.push(i.id);
        return i.id !== 'a2';
      },
      run: async (i) => void ran.push(i.id),
    });
    expect(ran).toEqual(['a1', 'b1', 'b2']);
    expect(asked).toEqual(['a1', 'b1', 'a2', 'b2']);
  });
});
