import { describe, expect, it } from 'vitest';
import { decodeVersion, encodeVersion, judge, prejudge, type KnownVersion } from '../src/ingest/versions';

const known: KnownVersion = { updatedAt: '2025-01-15 09:30:00', hash: 'h1', eventId: 'e1' };

describe('version judgement', () => {
  it.each([
    [undefined, '2025-01-15 09:30:00', 'h1', 'new'],
    [known, '2025-01-15 09:30:00', 'h1', 'duplicate'],
    [known, '2025-01-15 09:30:00', 'h2', 'changed'],
    [known, '2025-01-15 09:30:01', 'h1', 'changed'],
    [known, '2025-01-15 09:29:59', 'h2', 'stale'],
  ] as const)('known %j, updated_at %s, hash %s → %s', (k, updatedAt, hash, verdict) => {
    expect(judge(k, updatedAt, hash)).toBe(verdict);
  });

  it('pre-judges repeated event ids and older payload timestamps without enrichment', () => {
    expect(prejudge(known, 'e1', undefined)).toBe('duplicate');
    expect(prejudge(known, 'e2', '2025-01-15 09:29:00')).toBe('stale');
    expect(prejudge(known, 'e2', '2025-01-15 09:30:00')).toBeUndefined();
    expect(prejudge(undefined, 'e1', undefined)).toBeUndefined();
  });

  it('stores updated_at and hash in DocumentVersion.version', () => {
    expect(encodeVersion(known)).toBe('2025-01-15 09:30:00#h1');
    expect(decodeVersion('2025-01-15 09:30:00#h1', 'e1')).toEqual(known);
    expect(decodeVersion('2025-01-15 09:30:00', 'e1')).toEqual({ ...known, hash: '' });
  });
});
