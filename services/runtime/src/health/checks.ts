// Readiness checks: small async functions reporting ok plus an optional detail.
import type { HttpClient } from '../http/types';

export interface CheckResult {
  ok: boolean;
  detail?: string;
}

export type HealthCheck = () => Promise<CheckResult>;

/** Wrap a plain function (e.g. "is the Kafka producer connected?") as a check. */
export function fnCheck(fn: () => Promise<boolean> | boolean, detailWhenDown = 'not ready'): HealthCheck {
  return async () => ((await fn()) ? { ok: true } : { ok: false, detail: detailWhenDown });
}

/** Ready while no endpoint group of the client has an open breaker (half-open counts as ready). */
export function breakersClosedCheck(http: HttpClient): HealthCheck {
  return () => {
    const states = http.groups().map((g) => [g, http.breakerState(g)] as const);
    const open = states.filter(([, s]) => s === 'open').map(([g]) => g);
    const half = states.filter(([, s]) => s === 'half-open').map(([g]) => g);
    if (open.length > 0)
      return Promise.resolve({ ok: false, detail: `${http.system} breaker open: ${open.join(', ')}` });
    return Promise.resolve(
      half.length > 0 ? { ok: true, detail: `${http.system} half-open: ${half.join(', ')}` } : { ok: true },
    );
  };
}

/** Run a check with a deadline; a throw or timeout is a failed check, never a failed request. */
export async function runCheck(check: HealthCheck, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, detail: `check timed out after ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([check(), timeout]);
  } catch (err) {
    return { ok: false, detail: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
