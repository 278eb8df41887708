// Per-group "not before" gate set by 429/Retry-After: calls wait until the time the server asked for.
export interface Throttle {
  /** Push the gate to at least now + ms. */
  delay(ms: number): void;
  /** Milliseconds left until the gate opens (0 when open). */
  remainingMs(): number;
  wait(): Promise<void>;
}

export function createThrottle(now: () => number): Throttle {
  let notBefore = 0;
  const remainingMs = (): number => Math.max(0, notBefore - now());
  return {
    delay(ms) {
      notBefore = Math.max(notBefore, now() + ms);
    },
    remainingMs,
    wait() {
      const ms = remainingMs();
      return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
    },
  };
}
