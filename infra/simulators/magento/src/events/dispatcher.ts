import { randomUUID } from 'node:crypto';
import { IO_EVENTS, nextDelayMs, timeoutFor, type AttemptResult } from './delivery-policy';
import type { DomainEvent } from './domain-events';
import { isSuccess, messagesFor, type OutgoingMessage, type PlannedMessage } from './formats';
import { RegistrationHealth, type RegistrationState, type RegistrationStatus } from './registration-health';
import type { EventSigner } from './signing';
import type { DeliveryOptions, Subscriber } from './subscribers';

export interface DeliveryAttempt {
  at: number;
  status?: number;
  error?: string;
  /** I/O Events retries: the `x-adobe-retry-count` sent (1 on the first retry). */
  retryCount?: number;
}

/** One delivery (a duplicate is its own entry with the same eventId). Readable via `GET /_control/events`. */
export interface DeliveryLogEntry {
  deliveryId: string;
  eventId: string;
  subscriberId: string;
  mode: Subscriber['mode'];
  /** The observer event (no prefix) or the plugin method subscribed. */
  eventName: string;
  entity: DomainEvent['entity'];
  entityId: number | string;
  duplicate: boolean;
  delayedMs: number;
  outcome: 'pending' | 'delivered' | 'failed' | 'dropped';
  attempts: DeliveryAttempt[];
  headers: Record<string, string>;
  body: string;
  /** Why nothing was sent, e.g. `registration disabled` (I/O Events). */
  note?: string;
}

export interface DispatcherOptions {
  signer: EventSigner;
  providerId: string;
  publicKeyPath: string;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  fetch: typeof fetch;
  getSubscribers: () => readonly Subscriber[];
  getDelivery: () => DeliveryOptions;
  maxLog?: number;
}

/**
 * Sends domain events to subscribers: in order per subscriber, except where the delivery options drop,
 * duplicate or hold back (reorder) an event. A failed delivery is retried by its sender's own rule
 * (delivery-policy.ts): never for Commerce webhooks, on Adobe's schedule for I/O Events, with backoff for
 * the generic webhook. I/O Events registrations turn UNSTABLE / DISABLED by Adobe's rule (registration-health.ts).
 */
export class EventDispatcher {
  private readonly log: DeliveryLogEntry[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private closed = false;
  private readonly health: RegistrationHealth;

  constructor(private readonly opts: DispatcherOptions) {
    this.health = new RegistrationHealth(opts.now);
  }

  handle(e: DomainEvent): void {
    if (this.closed) return;
    for (const sub of this.opts.getSubscribers()) {
      const context = (eventId: string) => ({
        eventId,
        signer: this.opts.signer,
        providerId: this.opts.providerId,
        publicKeyPath: this.opts.publicKeyPath,
      });
      for (const planned of messagesFor(e, sub, context, randomUUID)) this.plan(e, sub, planned);
    }
  }

  /** I/O Events registration states (subscribers never seen failing are ACTIVE and not listed). */
  registrations(): RegistrationState[] {
    return this.health.list();
  }

  setRegistration(subscriberId: string, status: RegistrationStatus): RegistrationState {
    return this.health.set(subscriberId, status);
  }

  entries(filter: { subscriberId?: string; eventName?: string; outcome?: string } = {}): DeliveryLogEntry[] {
    return this.log.filter(
      (l) =>
        (filter.subscriberId === undefined || l.subscriberId === filter.subscriberId) &&
        (filter.eventName === undefined || l.eventName === filter.eventName) &&
        (filter.outcome === undefined || l.outcome === filter.outcome),
    );
  }

  /** Resolves once nothing is queued, in flight or waiting for a retry. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  clearLog(): void {
    this.log.length = 0;
    this.health.clear();
  }

  close(): void {
    this.closed = true;
  }

  private plan(e: DomainEvent, sub: Subscriber, { name, eventId, msg }: PlannedMessage): void {
    const d = this.opts.getDelivery();
    const entry = (duplicate: boolean, delayedMs: number): DeliveryLogEntry => {
      const l: DeliveryLogEntry = {
        deliveryId: randomUUID(),
        eventId,
        subscriberId: sub.id,
        mode: sub.mode,
        eventName: name,
        entity: e.entity,
        entityId: e.entityId,
        duplicate,
        delayedMs,
        outcome: 'pending',
        attempts: [],
        headers: redact(msg.headers),
        body: msg.body,
      };
      this.log.push(l);
      if (this.log.length > (this.opts.maxLog ?? 10_000)) this.log.shift();
      return l;
    };
    if (sub.mode === 'io-events' && this.health.status(sub.id) === 'DISABLED') {
      const l = entry(false, 0);
      l.outcome = 'failed';
      l.note = 'registration disabled';
      return;
    }
    if (d.dropRate > 0 && this.opts.random() < d.dropRate) {
      entry(false, 0).outcome = 'dropped';
      return;
    }
    const copies = d.duplicateRate > 0 && this.opts.random() < d.duplicateRate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const delay = d.reorderRate > 0 && this.opts.random() < d.reorderRate ? d.reorderDelayMs : 0;
      const l = entry(i > 0, delay);
      if (delay > 0) this.track(this.opts.sleep(delay).then(() => this.deliver(sub, msg, l, 1, 0)));
      else {
        const chain = (this.chains.get(sub.id) ?? Promise.resolve()).then(() => this.deliver(sub, msg, l, 1, 0));
        this.chains.set(sub.id, chain);
        this.track(chain);
      }
    }
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private async deliver(
    sub: Subscriber,
    msg: OutgoingMessage,
    l: DeliveryLogEntry,
    attempt: number,
    firstAt: number,
  ): Promise<void> {
    if (this.closed) return;
    const d = this.opts.getDelivery();
    const at = this.opts.now();
    const start = attempt === 1 ? at : firstAt;
    const io = sub.mode === 'io-events';
    if (io && attempt > 1 && this.health.status(sub.id) === 'DISABLED') {
      l.outcome = 'failed';
      l.note = 'registration disabled';
      return;
    }
    const retryCount = io && attempt > 1 ? { retryCount: attempt - 1 } : {};
    const headers =
      io && attempt > 1 ? { ...msg.headers, [IO_EVENTS.retryCountHeader]: String(attempt - 1) } : msg.headers;
    let result: AttemptResult;
    try {
      const res = await this.opts.fetch(sub.url, {
        method: 'POST',
        headers,
        body: msg.body,
        signal: AbortSignal.timeout(timeoutFor(sub.mode, d)),
      });
      const text = await res.text();
      l.attempts.push({ at, status: res.status, ...retryCount });
      result = { status: res.status };
      if (isSuccess(sub.mode, res.status, text)) {
        l.outcome = 'delivered';
        if (io) this.health.record(sub.id, true, 0, d.timeScale, false);
        return;
      }
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      l.attempts.push({ at, error, ...retryCount });
      result = { error };
    }
    const delay = nextDelayMs(sub.mode, d, attempt, result, at - start);
    if (io) this.health.record(sub.id, false, at - start, d.timeScale, delay === undefined);
    if (delay === undefined) {
      l.outcome = 'failed';
      return;
    }
    this.track(this.opts.sleep(delay).then(() => this.deliver(sub, msg, l, attempt + 1, start)));
  }
}

function redact(headers: Record<string, string>): Record<string, string> {
  const out = { ...headers };
  if (out.authorization) out.authorization = `${out.authorization.split(' ')[0] ?? ''} [REDACTED]`;
  return out;
}
