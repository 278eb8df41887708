import type { M3State } from '../state/store';
import type { Change } from '../state/types';
import { deliver, type Job, type Transport } from './deliver';
import { DEFAULT_RETRY, type BodDeliveryOptions, type BodSubscriber } from './delivery-options';
import { createBodBuilder, type Bod } from './document';
import { shuffled } from './shuffle';

export type { Transport } from './deliver';

export interface BodLogEntry {
  seq: number;
  bodId: string;
  noun: Bod['noun'];
  documentId: string;
  variationId: number;
  actionCode: Bod['actionCode'];
  subscriber: string;
  duplicate: boolean;
  status: 'queued' | 'delivered' | 'failed';
  attempts: number;
  lastHttpStatus?: number;
  lastError?: string;
  queuedAt: number;
  deliveredAt?: number;
}

export interface BodPublisherOptions {
  state: M3State;
  subscribers?: BodSubscriber[];
  delivery?: BodDeliveryOptions;
  random?: () => number;
  transport?: Transport;
  sleep?: (ms: number) => Promise<void>;
  /** BODs kept for the control API (default 10 000). */
  logLimit?: number;
}

const fetchTransport: Transport = async (url, init) => {
  const res = await fetch(url, { method: 'POST', headers: init.headers, body: init.body });
  await res.arrayBuffer();
  return res.status;
};
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** Publishes a Sync BOD for every change, per subscriber, with ION-like misbehaviour on demand. */
export class BodPublisher {
  private subscribers: BodSubscriber[];
  private delivery: BodDeliveryOptions;
  private readonly variations = new Map<string, number>();
  private entries: BodLogEntry[] = [];
  private readonly bods = new Map<string, Bod>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly buffers = new Map<string, Job[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private pending = 0;
  private waiters: Array<() => void> = [];
  private seq = 0;
  private readonly build: ReturnType<typeof createBodBuilder>;
  private readonly random: () => number;
  private readonly transport: Transport;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: BodPublisherOptions) {
    this.subscribers = opts.subscribers ?? [];
    this.delivery = opts.delivery ?? {};
    this.random = opts.random ?? Math.random;
    this.transport = opts.transport ?? fetchTransport;
    this.sleep = opts.sleep ?? realSleep;
    this.build = createBodBuilder(opts.state);
  }

  setSubscribers(list: BodSubscriber[]): void {
    this.subscribers = list;
  }
  getSubscribers(): BodSubscriber[] {
    return this.subscribers;
  }
  setDelivery(d: BodDeliveryOptions): void {
    this.delivery = d;
  }
  getDelivery(): BodDeliveryOptions {
    return this.delivery;
  }

  /** Called for every state change: the variationID advances even with no subscriber. */
  publish(change: Change): void {
    const key = `${change.noun}|${change.id}`;
    const variation = (this.variations.get(key) ?? 0) + 1;
    this.variations.set(key, variation);
    const bod = this.build(change, variation);
    if (!bod) return;
    this.remember(bod);
    for (const subscriber of this.subscribers) {
      if (subscriber.nouns && !subscriber.nouns.includes(bod.noun)) continue;
      this.enqueue({ bod, subscriber, entry: this.newEntry(bod, subscriber, false) });
      if ((this.delivery.duplicateRate ?? 0) > this.random()) {
        this.enqueue({ bod, subscriber, entry: this.newEntry(bod, subscriber, true) });
      }
    }
  }

  log(filter: { noun?: string; documentId?: string } = {}): BodLogEntry[] {
    return this.entries.filter(
      (e) => (!filter.noun || e.noun === filter.noun) && (!filter.documentId || e.documentId === filter.documentId),
    );
  }

  bod(bodId: string): Bod | undefined {
    return this.bods.get(bodId);
  }

  /** Sends buffered (out-of-order) BODs now. */
  flush(): void {
    for (const name of [...this.buffers.keys()]) this.release(name);
  }

  /** Resolves when nothing is buffered, waiting or in flight. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  clear(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.buffers.clear();
    this.variations.clear();
    this.entries = [];
    this.bods.clear();
  }

  private newEntry(bod: Bod, subscriber: BodSubscriber, duplicate: boolean): BodLogEntry {
    const entry: BodLogEntry = {
      seq: ++this.seq,
      bodId: bod.bodId,
      noun: bod.noun,
      documentId: bod.documentId,
      variationId: bod.variationId,
      actionCode: bod.actionCode,
      subscriber: subscriber.name ?? subscriber.url,
      duplicate,
      status: 'queued',
      attempts: 0,
      queuedAt: this.opts.state.now(),
    };
    this.entries.push(entry);
    const limit = this.opts.logLimit ?? 10_000;
    if (this.entries.length > limit) this.entries.splice(0, this.entries.length - limit);
    return entry;
  }

  private remember(bod: Bod): void {
    this.bods.set(bod.bodId, bod);
    const limit = this.opts.logLimit ?? 10_000;
    if (this.bods.size > limit) this.bods.delete(this.bods.keys().next().value ?? '');
  }

  private enqueue(job: Job): void {
    this.pending++;
    const name = job.entry.subscriber;
    const ooo = this.delivery.outOfOrder;
    if (ooo) {
      const buffer = this.buffers.get(name) ?? [];
      buffer.push(job);
      this.buffers.set(name, buffer);
      if (buffer.length >= ooo.window) this.release(name);
      else if (!this.timers.has(name)) {
        this.timers.set(name, setTimeout(() => this.release(name), ooo.maxHoldMs ?? 1000).unref());
      }
      return;
    }
    if ((this.delivery.lateMs ?? 0) > 0) {
      void this.run(job, this.random() * (this.delivery.lateMs ?? 0));
      return;
    }
    this.chain(name, job);
  }

  private release(name: string): void {
    const timer = this.timers.get(name);
    if (timer) clearTimeout(timer);
    this.timers.delete(name);
    const jobs = this.buffers.get(name) ?? [];
    this.buffers.delete(name);
    for (const job of shuffled(jobs, this.random)) this.chain(name, job);
  }

  private chain(name: string, job: Job): void {
    const next = (this.chains.get(name) ?? Promise.resolve()).then(() => this.run(job, 0));
    this.chains.set(name, next);
  }

  private async run(job: Job, delayMs: number): Promise<void> {
    try {
      if (delayMs > 0) await this.sleep(delayMs);
      await deliver(job, this.delivery.retry ?? DEFAULT_RETRY, this.transport, this.sleep, this.opts.state.now);
    } finally {
      this.pending--;
      if (this.pending === 0) for (const w of this.waiters.splice(0)) w();
    }
  }
}
