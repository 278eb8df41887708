import { describe, expect, it } from 'vitest';
import { getPath, getSteps, isEmpty, splitPath } from '../../src/mapping/path';

describe('the path reader', () => {
  const src = { a: { b: [{ c: 1 }, { c: 2 }] }, items: { '7': { sku: 'X' } }, n: null };

  it('reads dotted paths with list indexes in either spelling', () => {
    expect(splitPath('a.b[1].c')).toEqual(['a', 'b', '1', 'c']);
    expect(getPath(src, 'a.b[1].c')).toBe(2);
    expect(getPath(src, 'a.b.0.c')).toBe(1);
    expect(getPath(src, 'items.7.sku')).toBe('X');
  });

  it('gives undefined for a missing step, through null and through scalars', () => {
    expect(getPath(src, 'a.x.c')).toBeUndefined();
    expect(getPath(src, 'n.c')).toBeUndefined();
    expect(getPath(src, 'a.b[0].c.d')).toBeUndefined();
    expect(getPath(undefined, 'a')).toBeUndefined();
  });

  it('walks steps as given, taking the first of a list when asked (repeated XML elements)', () => {
    const xml = { 'ns.Doc': { Line: [{ Id: 'L1' }, { Id: 'L2' }] } };
    expect(getSteps(xml, ['ns.Doc', 'Line', 'Id'], { firstOfLists: true })).toBe('L1');
    expect(getSteps(xml, ['ns.Doc', 'Line'], { firstOfLists: true })).toEqual({ Id: 'L1' });
    expect(getSteps(xml, ['ns.Doc', 'Line', 'Id'])).toBeUndefined();
  });

  it('calls null, undefined and blank strings empty', () => {
    expect([null, undefined, '', '  '].every(isEmpty)).toBe(true);
    expect([0, 'x', false].some(isEmpty)).toBe(false);
  });
});
