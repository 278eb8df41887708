// One opossum breaker per endpoint group. Only failures that say "the endpoint is unwell" count: 5xx,
// timeouts and connection errors. Validation errors, 4xx, 429 and M3 NOK answers pass as successes
// (the endpoint answered), so bad data never opens a breaker.
//
// opossum keeps its rolling window (failures/fires of the last rollingCountTimeout) across a recovery, so
// right after closing, one more 5xx inside the window could reopen it (the outage's failures still count).
// The window is therefore rotated by us (opossum's `rotateBucketController`) and emptied on every close:
// after a recovery the breaker opens again only when the volume threshold is met in the new window.
import { EventEmitter } from 'node:events';
import CircuitBreaker from 'opossum';
import { AppError } from '../errors/app-error';
import type { ErrorCode } from '../errors/catalogue';
import type { BreakerOptions, BreakerState } from './types';

const COUNTED: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['HTTP_5XX', 'HTTP_TIMEOUT', 'HTTP_CONNECTION']);

/** True when an error should count against the breaker. */
export const countsAgainstBreaker = (err: unknown): boolean => err instanceof AppError && COUNTED.has(err.code);

export interface GroupBreaker {
  fire<R>(call: () => Promise<R>): Promise<R>;
  state(): BreakerState;
  onChange(listener: (state: BreakerState) => void): void;
  shutdown(): void;
}

type Call = () => Promise<unknown>;

const BUCKETS = 10;

export function createGroupBreaker(group: string, opts: BreakerOptions = {}): GroupBreaker {
  const rollingCountTimeout = opts.rollingCountTimeoutMs ?? 10_000;
  // Drives the window's buckets: one 'rotate' per bucket interval, BUCKETS at once to empty it.
  const rotation = new EventEmitter();
  const rotate = () => rotation.emit('rotate');
  const rotator = setInterval(rotate, Math.max(1, Math.floor(rollingCountTimeout / BUCKETS)));
  rotator.unref();
  const breaker = new CircuitBreaker<[Call], unknown>((call: Call) => call(), {
    name: group,
    timeout: false, // the transport enforces its own timeout and classifies it
    errorThresholdPercentage: opts.errorThresholdPercentage ?? 50,
    volumeThreshold: opts.volumeThreshold ?? 5,
    resetTimeout: opts.resetTimeoutMs ?? 30_000,
    rollingCountTimeout,
    rollingCountBuckets: BUCKETS,
    rotateBucketController: rotation,
    errorFilter: (err: unknown) => !countsAgainstBreaker(err),
  });
  // Registered before the listeners below, so they already see the empty window.
  breaker.on('close', () => {
    for (let i = 0; i < BUCKETS; i += 1) rotate();
  });
  const listeners: ((state: BreakerState) => void)[] = [];
  const emit = (state: BreakerState) => () => listeners.forEach((l) => l(state));
  breaker.on('open', emit('open'));
  breaker.on('halfOpen', emit('half-open'));
  breaker.on('close', emit('closed'));

  return {
    async fire<R>(call: () => Promise<R>): Promise<R> {
      try {
        return (await breaker.fire(call)) as R;
      } catch (err) {
        if ((err as { code?: unknown }).code === 'EOPENBREAKER') {
          throw new AppError('BREAKER_OPEN', `Breaker for endpoint group ${group} is open`, {
            cause: err,
            details: { group },
          });
        }
        throw err;
      }
    },
    state: () => (breaker.halfOpen ? 'half-open' : breaker.opened ? 'open' : 'closed'),
    onChange: (listener) => {
      listeners.push(listener);
    },
    shutdown: () => {
      clearInterval(rotator);
      breaker.shutdown();
    },
  };
}
