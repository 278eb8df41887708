import { describe, expect, it } from 'vitest';
import { createKeyedLock } from '../../src/service/keyed-lock';

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('createKeyedLock', () => {
  it('runs one key at a time in call order, other keys in parallel', async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const a1 = gate();
    const first = lock.run('a', async () => {
      log.push('a1 start');
      await a1.opened;
      log.push('a1 end');
      return 1;
    });
    const second = lock.run('a', async () => {
      log.push('a2');
      return 2;
    });
    const other = lock.run('b', async () => {
      log.push('b');
      return 3;
    });
    await other;
    expect(log).toEqual(['a1 start', 'b']); // b did not wait for a; a2 waits for a1
    a1.open();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
  });

  it('a failed run rejects its caller only; the next run of the key still runs; settled keys are dropped', async () => {
    const lock = createKeyedLock();
    const failed = lock.run('k', () => Promise.reject(new Error('boom')));
    const after = lock.run('k', async () => 'ran');
    expect(lock.size).toBe(1);
    await expect(failed).rejects.toThrow('boom');
    expect(await after).toBe('ran');
    await new Promise((r) => setImmediate(r));
    expect(lock.size).toBe(0);
  });
});
