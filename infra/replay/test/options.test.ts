import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors';
import { jobId, replayableTopics, replayOptions } from '../options';
import { instantOf } from '../time';

const now = Date.parse('2026-12-01T12:00:00Z');
const parse = (raw: Parameters<typeof replayOptions>[0]) => replayOptions(raw, now);
const refused = (raw: Parameters<typeof replayOptions>[0]) => {
  try {
    parse(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('accepted');
};

describe('replay options', () => {
  it('takes a window, a mode and keys; --to defaults to now', () => {
    expect(parse({ topic: 'cdc.magento.order.v1', from: '2026-11-30', live: true, keys: 'b, a,b' })).toEqual({
      topic: 'cdc.magento.order.v1',
      from: Date.parse('2026-11-30T00:00:00Z'),
      to: now,
      toGiven: false,
      mode: 'live',
      dryRun: false,
      keys: ['a', 'b'],
      resume: false,
    });
    const o = parse({
      topic: 'cmd.m3.customer.v1',
      from: '2026-11-30T10:00:00+02:00',
      to: '2026-11-30T09:00:00Z',
      live: true,
      'dry-run': true,
    });
    expect([o.from, o.to, o.toGiven, o.dryRun]).toEqual([
      Date.parse('2026-11-30T08:00:00Z'),
      Date.parse('2026-11-30T09:00:00Z'),
      true,
      true,
    ]);
  });

  it('names the replayable topics for an unknown one: the cdc.* and cmd.* topics of the catalogue', () => {
    const message = refused({ topic: 'xref.order.v1', from: '2026-11-30', live: true });
    expect(message).toContain('cdc.magento.order.v1');
    expect(message).toContain('cmd.magento.source-item.v1');
    expect(message).not.toContain('xref.order.v1,');
    expect(replayableTopics().every((t) => /^(cdc|cmd)\./.test(t))).toBe(true);
    expect(replayableTopics()).toHaveLength(17);
  });

  it('refuses what does not fit together', () => {
    const base = { topic: 'cdc.magento.order.v1', from: '2026-11-30' };
    expect(refused({ ...base })).toContain('--shadow (compare) or --live');
    expect(refused({ ...base, shadow: true, live: true })).toContain('not both');
    expect(refused({ topic: 'cmd.m3.customer-order.v1', from: '2026-11-30', shadow: true })).toContain(
      '--shadow is not available for cmd.m3.customer-order.v1 yet',
    );
    expect(refused({ ...base, shadow: true, resume: true })).toContain('--resume is for --live');
    expect(refused({ ...base, live: true, resume: true, 'dry-run': true })).toContain('--dry-run');
    expect(refused({ topic: base.topic, live: true })).toContain('--from <iso> is required');
    expect(refused({ ...base, to: '2026-11-29', live: true })).toContain('is not before --to');
    expect(refused({ ...base, live: true, keys: ' , ' })).toContain('--keys names no key');
  });

  it('names a job by topic, window and keys, without --to by its start only', () => {
    const a = parse({ topic: 'cdc.magento.order.v1', from: '2026-11-30', to: '2026-12-01', live: true });
    const b = parse({
      topic: 'cdc.magento.order.v1',
      from: '2026-11-30',
      to: '2026-12-01',
      live: true,
      'dry-run': true,
    });
    const c = parse({ topic: 'cdc.magento.order.v1', from: '2026-11-30', to: '2026-12-01', live: true, keys: 'x' });
    expect(jobId(a)).toMatch(/^replay:cdc\.magento\.order\.v1:[0-9a-f]{12}$/);
    expect(jobId(a)).toBe(jobId(b));
    expect(jobId(a)).not.toBe(jobId(c));
    const later = replayOptions({ topic: 'cdc.magento.order.v1', from: '2026-11-30', live: true }, now + 60_000);
    expect(jobId(later)).toBe(jobId(parse({ topic: 'cdc.magento.order.v1', from: '2026-11-30', live: true })));
  });
});

describe('instants', () => {
  it('reads a date as midnight UTC and a date-time with its zone', () => {
    expect(instantOf('from', '2026-11-30')).toBe(Date.parse('2026-11-30T00:00:00Z'));
    expect(instantOf('from', '2026-11-30T10:15Z')).toBe(Date.parse('2026-11-30T10:15:00Z'));
    expect(instantOf('from', '2026-11-30T10:15:30.5-01:00')).toBe(Date.parse('2026-11-30T11:15:30.500Z'));
  });

  it('refuses a date-time without a zone and what is no date', () => {
    for (const text of ['2026-11-30T10:00:00', 'yesterday', '2026-13-40', '1700000000'])
      expect(() => instantOf('to', text)).toThrow(/--to ".*" is not an ISO-8601 date/);
  });
});
