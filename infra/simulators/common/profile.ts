import { z } from 'zod';

/** Misbehaviour of a simulated endpoint, as data (switchable at run time through the control API). */
export interface FaultProfile {
  /** Latency distribution (log-normal fitted to the two percentiles). */
  latencyMs?: { p50: number; p99: number };
  /** Share of calls (0..1) answered with HTTP 500. */
  errorRate?: number;
  /** Token bucket: more than `perSecond` calls per second → 429 with `Retry-After`. */
  rateLimit?: { perSecond: number; retryAfterSeconds: number };
  /** Windows (epoch ms, `fromMs` inclusive, `toMs` exclusive) answered with 503. */
  outages?: Array<{ fromMs: number; toMs: number }>;
}

export const faultProfileSchema = z
  .object({
    latencyMs: z
      .object({ p50: z.number().min(0), p99: z.number().min(0) })
      .refine((l) => l.p99 >= l.p50, 'p99 must be >= p50')
      .optional(),
    errorRate: z.number().min(0).max(1).optional(),
    rateLimit: z.object({ perSecond: z.number().positive(), retryAfterSeconds: z.number().int().min(0) }).optional(),
    outages: z.array(z.object({ fromMs: z.number(), toMs: z.number() })).optional(),
  })
  .strict();

export type FaultVerdict = { kind: 'ok' } | { kind: 'error'; status: number; retryAfterSeconds?: number };

export interface FaultInjectorOptions {
  profile?: FaultProfile;
  now?: () => number;
  random?: () => number;
  /** How to wait the sampled latency; injected so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

const Z99 = 2.3263478740408408; // standard normal quantile at 0.99

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Decides, per call, whether to delay and whether to fail. One instance per simulator: no shared state. */
export class FaultInjector {
  private profile: FaultProfile;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private bucket = { tokens: 0, at: 0 };

  constructor(opts: FaultInjectorOptions = {}) {
    this.profile = opts.profile ?? {};
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    this.sleep = opts.sleep ?? realSleep;
    this.resetBucket();
  }

  setProfile(p: FaultProfile): void {
    this.profile = structuredClone(p);
    this.resetBucket();
  }

  getProfile(): FaultProfile {
    return structuredClone(this.profile);
  }

  /** Samples a latency in ms (0 without a latency profile). */
  sampleLatencyMs(): number {
    const l = this.profile.latencyMs;
    if (!l || l.p50 <= 0) return 0;
    const mu = Math.log(l.p50);
    const sigma = l.p99 > l.p50 ? (Math.log(l.p99) - mu) / Z99 : 0;
    return Math.max(0, Math.exp(mu + sigma * this.standardNormal()));
  }

  async decide(): Promise<FaultVerdict> {
    const delay = this.sampleLatencyMs();
    if (delay > 0) await this.sleep(delay);
    return this.verdict();
  }

  private verdict(): FaultVerdict {
    const t = this.now();
    const outage = this.profile.outages?.find((o) => t >= o.fromMs && t < o.toMs);
    if (outage)
      return { kind: 'error', status: 503, retryAfterSeconds: Math.max(1, Math.ceil((outage.toMs - t) / 1000)) };
    const rl = this.profile.rateLimit;
    if (rl && !this.takeToken(rl.perSecond, t)) {
      return { kind: 'error', status: 429, retryAfterSeconds: rl.retryAfterSeconds };
    }
    const rate = this.profile.errorRate ?? 0;
    if (rate > 0 && this.random() < rate) return { kind: 'error', status: 500 };
    return { kind: 'ok' };
  }

  private takeToken(perSecond: number, t: number): boolean {
    const elapsed = Math.max(0, t - this.bucket.at) / 1000;
    this.bucket = { tokens: Math.min(perSecond, this.bucket.tokens + elapsed * perSecond), at: t };
    if (this.bucket.tokens < 1) return false;
    this.bucket.tokens -= 1;
    return true;
  }

  private resetBucket(): void {
    this.bucket = { tokens: this.profile.rateLimit?.perSecond ?? 0, at: this.now() };
  }

  private standardNormal(): number {
    const u1 = Math.max(this.random(), Number.EPSILON);
    const u2 = this.random();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
