/** Poll a condition (no fixed sleeps); fails with `what` after timeoutMs. */
export async function waitFor(cond: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Let pending I/O callbacks and microtasks run once. */
export const tick = (): Promise<void> => new Promise((r) => setImmediate(r));
