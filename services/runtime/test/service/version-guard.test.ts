import { describe, expect, it } from 'vitest';
import type { DocumentVersion } from '@m3mage/schemas/types';
import { createMemoryTable } from '../../src/service/compacted-table';
import {
  contentHash,
  createVersionGuard,
  decodeVersion,
  encodeVersion,
  judgeVersion,
  textVersions,
  type VersionScheme,
} from '../../src/service/version-guard';

const known = { value: '2025-01-15 09:30:00', hash: 'h1' };

const integers: VersionScheme<bigint> = {
  parse: (s) => (/^\d+$/.test(s) ? BigInt(s) : undefined),
  format: (v) => v.toString(),
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
};

describe('version judgement', () => {
  it.each([
    [undefined, '2025-01-15 09:30:00', 'h1', 'new'],
    [known, '2025-01-15 09:30:00', 'h1', 'duplicate'],
    [known, '2025-01-15 09:30:00', 'h2', 'changed'],
    [known, '2025-01-15 09:30:01', 'h1', 'changed'],
    [known, '2025-01-15 09:29:59', 'h2', 'stale'],
  ] as const)('known %j, version %s, hash %s → %s', (k, value, hash, verdict) => {
    expect(judgeVersion(textVersions, k, { value, hash })).toBe(verdict);
  });

  it('without a hash, the same value is a duplicate', () => {
    expect(judgeVersion(integers, { value: 7n }, { value: 7n })).toBe('duplicate');
    expect(judgeVersion(integers, { value: 7n }, { value: 8n })).toBe('changed');
  });

  it('stores the value and the hash in DocumentVersion.version', () => {
    expect(encodeVersion(textVersions, known)).toBe('2025-01-15 09:30:00#h1');
    expect(encodeVersion(integers, { value: 9007199254740993n })).toBe('9007199254740993');
    expect(decodeVersion(textVersions, '2025-01-15 09:30:00#h1')).toEqual(known);
    expect(decodeVersion(textVersions, '2025-01-15 09:30:00')).toEqual({ value: '2025-01-15 09:30:00' });
    expect(decodeVersion(integers, '1e+21')).toBeUndefined();
  });

  it('hashes content whatever its key order', () => {
    expect(contentHash({ a: 1, b: [{ c: 2, d: null }] })).toBe(contentHash({ b: [{ d: null, c: 2 }], a: 1 }));
    expect(contentHash({ a: 1 })).not.toBe(contentHash({ a: 2 }));
    expect(contentHash({ a: 1 })).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('version guard', () => {
  const rig = () => {
    const table = createMemoryTable<DocumentVersion>();
    const warnings: unknown[] = [];
    const logger = { warn: (o: unknown) => void warnings.push(o) } as never;
    const guard = createVersionGuard({ table, scheme: integers, sourceSystem: 'M3', logger, now: () => 42 });
    return { table, guard, warnings };
  };
  const source = (eventId: string) => ({ eventId, correlationId: 'c' });

  it('applies a new version once and records it; a parallel duplicate sees it', async () => {
    const { table, guard } = rig();
    let applied = 0;
    const apply = async () => {
      applied += 1;
      await new Promise((r) => setTimeout(r, 10));
      return applied;
    };
    const [a, b] = await Promise.all([
      guard.admit('doc:1', { value: 5n }, source('e1'), apply),
      guard.admit('doc:1', { value: 5n }, source('e2'), apply),
    ]);
    expect(a).toEqual({ verdict: 'new', result: 1 });
    expect(b).toEqual({ verdict: 'duplicate' });
    expect(applied).toBe(1);
    expect(table.get('doc:1')).toEqual({ documentKey: 'doc:1', version: '5', eventId: 'e1', appliedAt: 42 });
    expect(guard.known('doc:1')).toEqual({ value: 5n, eventId: 'e1' });
    expect((await guard.admit('doc:1', { value: 4n }, source('e3'), apply)).verdict).toBe('stale');
    expect((await guard.admit('doc:1', { value: 6n }, source('e4'), apply)).verdict).toBe('changed');
    expect(applied).toBe(2);
  });

  it('records nothing when apply fails, so the next delivery applies it', async () => {
    const { table, guard } = rig();
    await expect(
      guard.admit('doc:2', { value: 1n }, source('e1'), async () => Promise.reject(new Error('broker down'))),
    ).rejects.toThrow('broker down');
    expect(table.get('doc:2')).toBeUndefined();
    expect((await guard.admit('doc:2', { value: 1n }, source('e2'), async () => 'ok')).verdict).toBe('new');
  });

  it('ignores a stored version its scheme cannot read, with a warning', async () => {
    const { table, guard, warnings } = rig();
    table.remember('doc:3', { documentKey: 'doc:3', version: 'not-a-number', eventId: 'old', appliedAt: 0 });
    expect((await guard.admit('doc:3', { value: 1n }, source('e1'), async () => 'ok')).verdict).toBe('new');
    expect(warnings).toEqual([expect.objectContaining({ documentKey: 'doc:3', version: 'not-a-number' })]);
  });
});
