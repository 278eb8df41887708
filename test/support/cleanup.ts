// What a test opened (clients, servers, consumers), closed after each test in reverse order.
import { afterEach } from 'vitest';

export interface Cleanup {
  push(...fns: (() => Promise<void>)[]): void;
}

/** Call at module level; `cleanup.push(() => thing.close())` in a test closes it after that test. */
export function cleanupAfterEach(): Cleanup {
  const fns: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of fns.splice(0).reverse()) await fn();
  });
  return { push: (...more) => void fns.push(...more) };
}
