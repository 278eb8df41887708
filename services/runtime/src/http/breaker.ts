// One opossum breaker per endpoint group. Only failures that say "the endpoint is unwell" count: 5xx,
// timeouts and connection errors. Validation errors, 4xx, 429 and M3 NOK answers pass as successes
// (the endpoint answered), so bad data never opens a breaker.
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

export function createGroupBreaker(group: string, opts: BreakerOptions = {}): GroupBreaker {
  const breaker = new CircuitBreaker<[Call], unknown>((call: Call) => call(), {
    name: group,
    timeout: false, // the transport enforces its own timeout and classifies it
    errorThresholdPercentage: opts.errorThresholdPercentage ?? 50,
    volumeThreshold: opts.volumeThreshold ?? 5,
    resetTimeout: opts.resetTimeoutMs ?? 30_000,
    rollingCountTimeout: opts.rollingCountTimeoutMs ?? 10_000,
    errorFilter: (err: unknown) => !countsAgainstBreaker(err),
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
    shutdown: () => breaker.shutdown(),
  };
}
