import { randomUUID } from 'node:crypto';
import type { DomainEvent } from './domain-events';
import { FORMATS, isSuccess, type OutgoingMessage } from './formats';
import type { EventSigner } from './signing';
import { DEFAULT_EVENTS, type DeliveryOptions, type Subscriber } from './subscribers';

export interface DeliveryAttempt {
  at: number;
  status?: number;
  error?: string;
}

/** One delivery (a duplicate is its own entry with the same eventId). Readable via `GET /_control/events`. */
export interface DeliveryLogEntry {
  deliveryId: string;
  eventId: string;
  subscriberId: string;
  mode: Subscriber['mode'];
  eventName: DomainEvent['name'];
  entity: DomainEvent['entity'];
  entityId: number | string;
  duplicate: boolean;
  delayedMs: number;
  outcome: 'pending' | 'delivered' | 'failed' | 'dropped';
  attempts: DeliveryAttempt[];
  headers: Record<string, string>;
  body: string;
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
 * duplicate or hold back (reorder) an event; failures are retried with exponential backoff.
 */
export class EventDispatcher {
  private readonly log: DeliveryLogEntry[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly pending = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly opts: DispatcherOptions) {}

  handle(e: DomainEvent): void {
    if (this.closed) return;
    for (const sub of this.opts.getSubscribers()) {
      if (!(sub.events ?? DEFAULT_EVENTS).includes(e.name)) continue;
      const eventId = randomUUID();
      const msg = FORMATS[sub.mode](e, sub, {
        eventId,
        signer: this.opts.signer,
        providerId: this.opts.providerId,
        publicKeyPath: this.opts.publicKeyPath,
      });
      this.plan(e, sub, eventId, msg);
    }
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
  }

  close(): void {
    this.closed = true;
  }

  private plan(e: DomainEvent, sub: Subscriber, eventId: string, msg: OutgoingMessage): void {
    const d = this.opts.getDelivery();
    const entry = (duplicate: boolean, delayedMs: number): DeliveryLogEntry => {
      const l: DeliveryLogEntry = {
        deliveryId: randomUUID(),
        eventId,
        subscriberId: sub.id,
        mode: sub.mode,
        eventName: e.name,
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
    if (d.dropRate > 0 && this.opts.random() < d.dropRate) {
      entry(false, 0).outcome = 'dropped';
      return;
    }
    const copies = d.duplicateRate > 0 && this.opts.random() < d.duplicateRate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const delay = d.reorderRate > 0 && this.opts.random() < d.reorderRate ? d.reorderDelayMs : 0;
      const l = entry(i > 0, delay);
      if (delay > 0) this.track(this.opts.sleep(delay).then(() => this.deliver(sub, msg, l, 1)));
      else {
        const chain = (this.chains.get(sub.id) ?? Promise.resolve()).then(() => this.deliver(sub, msg, l, 1));
        this.chains.set(sub.id, chain);
        this.track(chain);
      }
    }
  }

  private track(p: Promise<void>): void {
    const tracked = p.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  private async deliver(sub: Subscriber, msg: OutgoingMessage, l: DeliveryLogEntry, attempt: number): Promise<void> {
    if (this.closed) return;
    const d = this.opts.getDelivery();
    const at = this.opts.now();
    try {
      const res = await this.opts.fetch(sub.url, {
        method: 'POST',
        headers: msg.headers,
        body: msg.body,
        signal: AbortSignal.timeout(d.timeoutMs),
      });
      const text = await res.text();
      l.attempts.push({ at, status: res.status });
      if (isSuccess(sub.mode, res.status, text)) {
        l.outcome = 'delivered';
        return;
      }
    } catch (err) {
      l.attempts.push({ at, error: err instanceof Error ? err.message : String(err) });
    }
    if (attempt >= d.maxAttempts) {
      l.outcome = 'failed';
      return;
    }
    const backoff = d.retryBackoffMs * 2 ** (attempt - 1);
    this.track(this.opts.sleep(backoff).then(() => this.deliver(sub, msg, l, attempt + 1)));
  }
}

function redact(headers: Record<string, string>): Record<string, string> {
  const out = { ...headers };
  if (out.authorization) out.authorization = `${out.authorization.split(' ')[0] ?? ''} [REDACTED]`;
  return out;
}
