import { describe, expect, it } from 'vitest';
import { FaultInjector, faultProfileSchema } from '../profile';

const noSleep = (slept: number[]) => (ms: number) => {
  slept.push(ms);
  return Promise.resolve();
};

describe('FaultInjector', () => {
  it('says ok with an empty profile and does not wait', async () => {
    const slept: number[] = [];
    const f = new FaultInjector({ sleep: noSleep(slept) });
    expect(await f.decide()).toEqual({ kind: 'ok' });
    expect(slept).toEqual([]);
  });

  it('answers 503 with Retry-After inside an outage window only', async () => {
    let t = 1_000;
    const f = new FaultInjector({ now: () => t, profile: { outages: [{ fromMs: 2_000, toMs: 12_000 }] } });
    expect(await f.decide()).toEqual({ kind: 'ok' });
    t = 2_500;
    expect(await f.decide()).toEqual({ kind: 'error', status: 503, retryAfterSeconds: 10 });
    t = 12_000;
    expect(await f.decide()).toEqual({ kind: 'ok' });
  });

  it('rate-limits with 429 and refills over time', async () => {
    let t = 0;
    const f = new FaultInjector({ now: () => t, profile: { rateLimit: { perSecond: 2, retryAfterSeconds: 3 } } });
    expect((await f.decide()).kind).toBe('ok');
    expect((await f.decide()).kind).toBe('ok');
    expect(await f.decide()).toEqual({ kind: 'error', status: 429, retryAfterSeconds: 3 });
    t = 500;
    expect((await f.decide()).kind).toBe('ok');
    expect((await f.decide()).kind).toBe('error');
  });

  it('fails the configured share of calls with 500', async () => {
    const values = [0.1, 0.9];
    let i = 0;
    const f = new FaultInjector({ random: () => values[i++ % 2] ?? 0, profile: { errorRate: 0.5 } });
    expect(await f.decide()).toEqual({ kind: 'error', status: 500 });
    expect(await f.decide()).toEqual({ kind: 'ok' });
  });

  it('samples latency around p50 and below ~p99', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const f = new FaultInjector({ random, profile: { latencyMs: { p50: 20, p99: 200 } } });
    const samples = Array.from({ length: 4000 }, () => f.sampleLatencyMs()).sort((a, b) => a - b);
    const median = samples[2000] ?? 0;
    const p99 = samples[3960] ?? 0;
    expect(median).toBeGreaterThan(16);
    expect(median).toBeLessThan(25);
    expect(p99).toBeGreaterThan(120);
    expect(p99).toBeLessThan(320);
  });

  it('waits the sampled latency before deciding', async () => {
    const slept: number[] = [];
    const f = new FaultInjector({
      sleep: noSleep(slept),
      random: () => 0.5,
      profile: { latencyMs: { p50: 30, p99: 30 } },
    });
    await f.decide();
    expect(slept).toHaveLength(1);
    expect(slept[0]).toBeCloseTo(30, 5);
  });

  it('returns copies of the profile', () => {
    const f = new FaultInjector({ profile: { errorRate: 0.2 } });
    const p = f.getProfile();
    p.errorRate = 1;
    expect(f.getProfile().errorRate).toBe(0.2);
  });
});

describe('faultProfileSchema', () => {
  it('accepts a full profile and rejects bad values', () => {
    expect(
      faultProfileSchema.safeParse({
        latencyMs: { p50: 5, p99: 50 },
        errorRate: 0.1,
        rateLimit: { perSecond: 10, retryAfterSeconds: 1 },
        outages: [{ fromMs: 1, toMs: 2 }],
      }).success,
    ).toBe(true);
    expect(faultProfileSchema.safeParse({ errorRate: 2 }).success).toBe(false);
    expect(faultProfileSchema.safeParse({ latencyMs: { p50: 50, p99: 5 } }).success).toBe(false);
    expect(faultProfileSchema.safeParse({ unknown: 1 }).success).toBe(false);
  });
});
