import { describe, expect, it } from 'vitest';
import { DEFAULT_TIER_DELAYS_MS, dlqTopic, retryDlqTopics, retryTopic, tierOf } from '../../src/retry-dlq/topics';

describe('retry and DLQ topic names', () => {
  it('names tier N `<group>.retry.N` and the DLQ `<group>.dlq`', () => {
    expect(retryTopic('transformer', 1)).toBe('transformer.retry.1');
    expect(retryTopic('ns.m3-writer', 3)).toBe('ns.m3-writer.retry.3');
    expect(dlqTopic('transformer')).toBe('transformer.dlq');
    expect(dlqTopic('ns.m3-writer')).toBe('ns.m3-writer.dlq');
  });

  it('lists tiers 1..N, then the DLQ', () => {
    expect(retryDlqTopics('g', 3)).toEqual(['g.retry.1', 'g.retry.2', 'g.retry.3', 'g.dlq']);
    expect(retryDlqTopics('g', 1)).toEqual(['g.retry.1', 'g.dlq']);
    expect(retryDlqTopics('g', 0)).toEqual(['g.dlq']);
  });

  it('defaults to three tiers of 1 s, 10 s and 60 s, frozen', () => {
    expect(DEFAULT_TIER_DELAYS_MS).toEqual([1000, 10000, 60000]);
    expect(Object.isFrozen(DEFAULT_TIER_DELAYS_MS)).toBe(true);
  });
});

describe('tierOf', () => {
  it('reads the tier of one of the group’s retry topics', () => {
    expect(tierOf('g', 'g.retry.1')).toBe(1);
    expect(tierOf('g', 'g.retry.3')).toBe(3);
    expect(tierOf('g', 'g.retry.12')).toBe(12);
    expect(tierOf('ns.transformer', 'ns.transformer.retry.2')).toBe(2);
  });

  it('is undefined for the main topics, the DLQ and other groups’ tiers', () => {
    expect(tierOf('g', 'cdc.magento.order.v1')).toBeUndefined();
    expect(tierOf('g', 'g.dlq')).toBeUndefined();
    expect(tierOf('g', 'g')).toBeUndefined();
    expect(tierOf('g', 'other.retry.1')).toBeUndefined();
    expect(tierOf('g', 'xg.retry.1')).toBeUndefined();
    expect(tierOf('g.retry', 'g.retry.1')).toBeUndefined();
  });

  it('is undefined when what follows `.retry.` is not a positive integer', () => {
    expect(tierOf('g', 'g.retry.')).toBeUndefined();
    expect(tierOf('g', 'g.retry.0')).toBeUndefined();
    expect(tierOf('g', 'g.retry.-1')).toBeUndefined();
    expect(tierOf('g', 'g.retry.1.5')).toBeUndefined();
    expect(tierOf('g', 'g.retry.x')).toBeUndefined();
    expect(tierOf('g', 'g.retry.1x')).toBeUndefined();
  });
});
