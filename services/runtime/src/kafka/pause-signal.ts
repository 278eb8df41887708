// Pause signals: errors meaning "the dependency is down, wait" rather than "this message failed".
import type { AppError } from '../core';
import type { PauseSignal } from './handler';

/** What the breaker-guarded HTTP client offers (http/ in this package). */
export interface BreakerStates {
  waitUntilClosed(group: string): Promise<void>;
}

export interface BreakerPauseOptions {
  /** The endpoint group an error came from (default: `details.group` or `details.endpointGroup`). */
  groupOf?(error: AppError): string | undefined;
  /** When the group is unknown, resume after this long and let the next call probe (default 1 s). */
  probeAfterMs?: number;
}

const defaultGroupOf = (error: AppError): string | undefined => {
  const g = error.details?.group ?? error.details?.endpointGroup;
  return typeof g === 'string' ? g : undefined;
};

/** Errors with code BREAKER_OPEN pause the partition until the breaker is half-open or closed. */
export function breakerPauseSignal(breakers: BreakerStates, opts: BreakerPauseOptions = {}): PauseSignal {
  const groupOf = (e: AppError): string | undefined => (opts.groupOf ? opts.groupOf(e) : defaultGroupOf(e));
  return {
    match(error) {
      if (error.code !== 'BREAKER_OPEN') return undefined;
      const group = groupOf(error);
      if (group !== undefined) return breakers.waitUntilClosed(group);
      return new Promise((resolve) => setTimeout(resolve, opts.probeAfterMs ?? 1000));
    },
  };
}
