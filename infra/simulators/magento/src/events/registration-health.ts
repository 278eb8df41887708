/**
 * The state Adobe I/O Events gives an event registration (developer.adobe.com/events/docs/common/retry-doc,
 * FORMAT-NOTES 47): UNSTABLE when a failing event has been retried for about 30 minutes AND over 80 % of at
 * least 10 deliveries in the last 30 minutes failed; DISABLED when a failing event reaches the end of its
 * 24 h retries AND over 80 % of at least 10 deliveries in the last 24 h failed — a disabled registration gets
 * no event of any type; back to ACTIVE on the next successful delivery (an unstable one is still delivered
 * to). Windows are multiplied by the delivery option `timeScale`.
 */
export type RegistrationStatus = 'ACTIVE' | 'UNSTABLE' | 'DISABLED';

const RULES = {
  unstableAfterMs: 30 * 60_000,
  disabledAfterMs: 24 * 3600_000,
  /** An event at the end of its retries: the last one comes within one 15-min gap of the 24 h end. */
  retriedForMs: 24 * 3600_000 - 15 * 60_000,
  minDeliveries: 10,
  failedShare: 0.8,
};

export interface RegistrationState {
  subscriberId: string;
  status: RegistrationStatus;
  since: number;
  attempts: number;
  failures: number;
}

export class RegistrationHealth {
  private readonly history = new Map<string, Array<{ at: number; ok: boolean }>>();
  private readonly states = new Map<string, RegistrationState>();

  constructor(private readonly now: () => number) {}

  status(id: string): RegistrationStatus {
    return this.states.get(id)?.status ?? 'ACTIVE';
  }

  list(): RegistrationState[] {
    return [...this.states.values()];
  }

  /** Sets a registration's state by hand (re-enabling it in the Developer Console); clears its history. */
  set(id: string, status: RegistrationStatus): RegistrationState {
    this.history.delete(id);
    return this.put(id, status);
  }

  /**
   * Records one attempt: `failingSinceMs` is how long its event has been failing, `exhausted` whether that
   * event has no retry left.
   */
  record(id: string, ok: boolean, failingSinceMs: number, timeScale: number, exhausted: boolean): RegistrationStatus {
    const at = this.now();
    const h = this.history.get(id) ?? [];
    h.push({ at, ok });
    const keep = RULES.disabledAfterMs * timeScale;
    while (h.length > 0 && at - (h[0]?.at ?? at) > keep) h.shift();
    this.history.set(id, h);
    const state = this.put(id, this.status(id));
    state.attempts += 1;
    if (!ok) state.failures += 1;
    if (ok) return state.status === 'DISABLED' ? 'DISABLED' : this.put(id, 'ACTIVE').status;
    const mostlyFailing = (windowMs: number): boolean => {
      const recent = h.filter((x) => at - x.at <= windowMs * timeScale);
      return (
        recent.length >= RULES.minDeliveries && recent.filter((x) => !x.ok).length / recent.length > RULES.failedShare
      );
    };
    if (exhausted && failingSinceMs >= RULES.retriedForMs * timeScale && mostlyFailing(RULES.disabledAfterMs))
      return this.put(id, 'DISABLED').status;
    if (
      state.status === 'ACTIVE' &&
      failingSinceMs >= RULES.unstableAfterMs * timeScale &&
      mostlyFailing(RULES.unstableAfterMs)
    )
      return this.put(id, 'UNSTABLE').status;
    return state.status;
  }

  clear(): void {
    this.history.clear();
    this.states.clear();
  }

  private put(id: string, status: RegistrationStatus): RegistrationState {
    const current = this.states.get(id);
    if (current && current.status === status) return current;
    const next: RegistrationState = {
      subscriberId: id,
      status,
      since: this.now(),
      attempts: current?.attempts ?? 0,
      failures: current?.failures ?? 0,
    };
    this.states.set(id, next);
    return next;
  }
}
