// Ordered graceful shutdown. Components register a stop function as they start; on SIGTERM/SIGINT (or
// shutdown()) they stop in reverse order — intake first, then consumers (in-flight work finishes and is
// committed), then the producer (flushed) — within one deadline. Past the deadline the process exits
// non-zero: uncommitted work is redelivered, never lost.
import type { Logger } from 'pino';

export type StopFn = () => Promise<void> | void;

/** The part of `process` the lifecycle uses; tests pass a fake. */
export interface SignalSource {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
  removeListener(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface LifecycleOptions {
  logger: Logger;
  /** Time for the whole shutdown (default 30 s; keep it below the orchestrator's kill grace period). */
  deadlineMs?: number;
  /** Default: the real process. */
  signals?: SignalSource;
  /** Called with the exit code after a signal-initiated shutdown (default process.exit). */
  exit?: (code: number) => void;
}

export interface Lifecycle {
  /** Register a component; the last registered stops first. */
  register(name: string, stop: StopFn): void;
  /** Listen for SIGTERM and SIGINT; returns a function that removes the listeners. */
  installSignalHandlers(signals?: NodeJS.Signals[]): () => void;
  /** Stop everything in reverse order; resolves true when all stopped within the deadline. Idempotent. */
  shutdown(reason: string): Promise<boolean>;
  isStopping(): boolean;
}

export function createLifecycle(opts: LifecycleOptions): Lifecycle {
  const log = opts.logger.child({ component: 'lifecycle' });
  const deadlineMs = opts.deadlineMs ?? 30_000;
  const components: { name: string; stop: StopFn }[] = [];
  let stopping: Promise<boolean> | undefined;

  async function stopAll(reason: string): Promise<boolean> {
    log.info({ reason, components: components.map((c) => c.name).reverse() }, 'shutting down');
    const started = Date.now();
    let ok = true;
    for (const c of [...components].reverse()) {
      const t = Date.now();
      try {
        await c.stop();
        log.info({ component: c.name, ms: Date.now() - t }, 'stopped');
      } catch (err) {
        ok = false;
        log.error({ err, component: c.name }, 'stop failed');
      }
    }
    log.info({ ms: Date.now() - started, ok }, 'shutdown complete');
    return ok;
  }

  function shutdown(reason: string): Promise<boolean> {
    stopping ??= new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        log.error({ deadlineMs }, 'shutdown deadline passed; remaining work will be redelivered');
        resolve(false);
      }, deadlineMs);
      timer.unref();
      void stopAll(reason).then((ok) => {
        clearTimeout(timer);
        resolve(ok);
      });
    });
    return stopping;
  }

  return {
    register(name, stop) {
      components.push({ name, stop });
    },
    installSignalHandlers(signals = ['SIGTERM', 'SIGINT']) {
      const source = opts.signals ?? process;
      const exit = opts.exit ?? ((code: number) => process.exit(code));
      const listeners = signals.map((signal) => {
        const listener = (): void => void shutdown(signal).then((ok) => exit(ok ? 0 : 1));
        source.once(signal, listener);
        return { signal, listener };
      });
      return () => listeners.forEach(({ signal, listener }) => source.removeListener(signal, listener));
    },
    shutdown,
    isStopping: () => stopping !== undefined,
  };
}
