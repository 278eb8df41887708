// Keeps the group session alive while handlers wait on slow calls (KafkaJS only heartbeats between
// messages). It does not hide a dead process: when the event loop is blocked no timer fires and no
// heartbeat goes out, and when the oldest in-flight handler has run longer than `maxHandlerMs` (the
// handler is presumed hung) heartbeats stop, so the group moves the partition to a healthy member.
export interface HeartbeatKeeperOptions {
  intervalMs: number;
  maxHandlerMs: number;
  heartbeat(): Promise<void>;
  /** Start time (ms) of the oldest handler still running, or undefined when none runs. */
  oldestInFlightSince(): number | undefined;
  onError(err: unknown): void;
  onStall(ageMs: number): void;
  now?: () => number;
}

export interface HeartbeatKeeper {
  stop(): void;
}

export function startHeartbeats(opts: HeartbeatKeeperOptions): HeartbeatKeeper {
  const now = opts.now ?? Date.now;
  let stalled = false;
  let busy = false;
  const timer = setInterval(() => {
    const since = opts.oldestInFlightSince();
    const age = since === undefined ? 0 : now() - since;
    if (age > opts.maxHandlerMs) {
      if (!stalled) opts.onStall(age);
      stalled = true;
      return;
    }
    stalled = false;
    if (busy) return;
    busy = true;
    opts
      .heartbeat()
      .catch((err: unknown) => opts.onError(err))
      .finally(() => {
        busy = false;
      });
  }, opts.intervalMs);
  return { stop: () => clearInterval(timer) };
}
