// PIPELINE_MODE: validated at boot with the base config; naive pins consumers, producer, batchers and
// outbound calls to their one-at-a-time values, optimised leaves every component's own setting.
import { describe, expect, it } from 'vitest';
import {
  AppError,
  baseServiceConfigSchema,
  consumerTuning,
  loadConfig,
  microBatcherFor,
  outboundInFlight,
  producerLinger,
} from '../../src';

const env = { KAFKA_BROKERS: 'k:9092', SCHEMA_REGISTRY_URL: 'http://r:8080/apis/ccompat/v7' };

describe('PIPELINE_MODE', () => {
  it('is optimised unless set, naive when set, and anything else fails at boot naming the allowed values', () => {
    expect(loadConfig(baseServiceConfigSchema, { env, service: 's' }).PIPELINE_MODE).toBe('optimised');
    expect(
      loadConfig(baseServiceConfigSchema, { env: { ...env, PIPELINE_MODE: 'naive' }, service: 's' }).PIPELINE_MODE,
    ).toBe('naive');
    const err = (() => {
      try {
        loadConfig(baseServiceConfigSchema, { env: { ...env, PIPELINE_MODE: 'fast' }, service: 's' });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/PIPELINE_MODE\s+not one of the allowed values\s+optimised\|naive/);
  });

  it('naive: consumers never conflate and run one message at a time per partition', () => {
    expect(consumerTuning('naive', { maxInFlight: 32, conflate: ['cmd.magento.source-item.v1'] })).toEqual({
      maxInFlight: 1,
    });
    expect(consumerTuning('naive', {})).toEqual({ maxInFlight: 1 });
    expect(consumerTuning('optimised', { maxInFlight: 32, conflate: ['t'] })).toEqual({
      maxInFlight: 32,
      conflate: ['t'],
    });
    expect(consumerTuning('optimised', {})).toEqual({});
  });

  it('naive: no producer linger and one outbound call at a time', () => {
    expect(producerLinger('naive', 20)).toBe(0);
    expect(producerLinger('naive', undefined)).toBe(0);
    expect(producerLinger('optimised', 20)).toBe(20);
    expect(producerLinger('optimised', undefined)).toBeUndefined();
    expect(outboundInFlight('naive', 8)).toBe(1);
    expect(outboundInFlight('optimised', 8)).toBe(8);
    expect(outboundInFlight(undefined, 8)).toBe(8);
  });

  it('naive: the micro-batcher flushes every item alone, at once; optimised batches', async () => {
    const run = async (mode: 'naive' | 'optimised') => {
      const calls: number[][] = [];
      let inFlight = 0;
      let most = 0;
      const b = microBatcherFor<number, string>(mode, {
        maxItems: 100,
        maxWaitMs: 60_000,
        idleMs: 5,
        flush: async (items) => {
          calls.push(items);
          most = Math.max(most, (inFlight += 1));
          await new Promise((r) => setTimeout(r, 10));
          inFlight -= 1;
          return items.map((i) => `r${i}`);
        },
      });
      const adds = [1, 2, 3, 4].map((i) => b.add(i));
      expect(b.pending()).toBe(4);
      const results = await Promise.all(adds);
      expect(b.pending()).toBe(0);
      return { results, calls, most };
    };
    const naive = await run('naive');
    expect(naive.results).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(naive.calls).toEqual([[1], [2], [3], [4]]);
    expect(naive.most).toBe(4); // not queued behind each other: the callers' concurrency decides
    const optimised = await run('optimised');
    expect(optimised.results).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(optimised.calls).toEqual([[1, 2, 3, 4]]);
  });
});
