import { describe, expect, it } from 'vitest';
import {
  constant,
  defineMapping,
  defineTable,
  each,
  from,
  lookup,
  nested,
  reject,
  renderMappingGroups,
  renderMappings,
  transform,
  unset,
} from '../../src/mapping/kit';

const upper = transform<string, string>('upper', 'upper case', (s) => s.toUpperCase());
const short = transform<string, string>('short', 'at most 3 characters', (s) =>
  s.length <= 3 ? s : reject(`'${s}' is longer than 3`),
);
const colours = defineTable<string>({
  name: 'colours',
  description: 'Colour codes.',
  file: 'test',
  keyLabel: 'colour',
  valueLabel: 'code',
  entries: { red: 'R', blue: 'B' },
  otherwise: { kind: 'reject', hint: 'add it' },
});

interface In {
  a?: string | null;
  b?: string | null;
  colour?: string;
  tags?: { name: string }[];
  child?: { name: string } | null;
}
interface Tag {
  name: string;
}
interface Out {
  A: string;
  B: string;
  C?: string;
  K: number;
  colour: string;
  tags: Tag[];
  child?: Tag;
  nothing?: string;
}

const tag = defineMapping<{ name: string }, Tag>(
  { name: from('name').required().via(short) },
  { name: 'tag', title: 'Tag', description: 'A tag.' },
);
const m = defineMapping<In, Out>(
  {
    A: from('a').required().via(upper),
    B: from('b').default('x').via(upper),
    C: from('b').via(upper).omit(),
    K: constant(7),
    colour: from('colour').default('red').via(lookup(colours)),
    tags: each('tags', tag).default([]),
    child: nested(tag, 'child').omit(),
    nothing: unset(),
  },
  { name: 'demo', title: 'Demo', description: 'A demo mapping.' },
);

describe('mapping kit', () => {
  it('maps every field with its transforms and null policies', () => {
    expect(m.map({ a: 'hi', b: null, tags: [{ name: 'x' }], child: { name: 'c' } })).toEqual({
      ok: true,
      value: { A: 'HI', B: 'X', K: 7, colour: 'R', tags: [{ name: 'x' }], child: { name: 'c' } },
    });
  });

  it('treats blank strings and empty lists as empty', () => {
    const r = m.map({ a: 'hi', b: '   ', colour: 'blue', tags: [] });
    expect(r).toEqual({ ok: true, value: { A: 'HI', B: 'X', K: 7, colour: 'B', tags: [] } });
  });

  it('reports every problem at once, with nested field paths', () => {
    const r = m.map({ a: null, colour: 'green', tags: [{ name: 'ok' }, { name: 'toolong' }], child: { name: '' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { field: 'A', reason: "'a' is empty, and A is required" },
      {
        field: 'colour',
        reason: `no code for colour 'green' in table "colours" (test): add it`,
      },
      { field: 'tags[1].name', reason: "'toolong' is longer than 3" },
      { field: 'child.name', reason: "'name' is empty, and name is required" },
    ]);
  });

  it('allows exactly one null policy per field', () => {
    expect(() => from('a').required().omit()).toThrow(/exactly one/);
  });

  it('renders mappings and their tables as Markdown', () => {
    const doc = renderMappings([m, tag] as never, '# Intro');
    expect(doc).toContain('## Demo');
    expect(doc).toContain('| `A` | `a` | `upper` | **reject** |');
    expect(doc).toContain("| `B` | `b` | `upper` | use `'x'` |");
    expect(doc).toContain('| `nothing` | (not sent) | — | — |');
    expect(doc).toContain('each of `tags` through [Tag](#mapping-tag)');
    expect(doc).toContain('### Table: colours');
    expect(doc).toContain('| `red` | R |');
    expect(doc).toContain('any other colour is **rejected** (add it)');
  });

  it('records the notes of transforms with the target field, through nested and listed mappings', () => {
    const masked = transform<string, string>('mask', 'masks digits', (s, note) => {
      const out = s.replace(/\d/g, '*');
      if (out !== s) note?.('masked');
      return out;
    });
    const line = defineMapping<{ text: string }, { text: string }>(
      { text: from('text').via(masked).required() },
      { name: 'line', title: 'Line', description: '' },
    );
    const doc = defineMapping<unknown, { head: unknown; lines: unknown; plain: unknown }>(
      { head: nested(line, 'head').required(), lines: each('lines', line).required(), plain: from('plain').omit() },
      { name: 'doc', title: 'Doc', description: '' },
    );
    const r = doc.map({ head: { text: 'a1' }, lines: [{ text: 'b' }, { text: 'c2' }, { text: '' }], plain: 'x' });
    expect(r.ok).toBe(false);
    expect(r.notes).toEqual([
      { field: 'head.text', kind: 'masked' },
      { field: 'lines[1].text', kind: 'masked' },
    ]);
    const clean = doc.map({ head: { text: 'a' }, lines: [{ text: 'b' }] });
    expect(clean).toEqual({ ok: true, value: { head: { text: 'a' }, lines: [{ text: 'b' }] } });
    expect('notes' in clean).toBe(false);
  });

  it('renders groups of mappings under their headings, each table once, and refuses two mappings of one name', () => {
    const doc = renderMappingGroups(
      [
        { title: 'First flow', description: 'one', mappings: [m] as never },
        { title: 'Second flow', description: 'two', mappings: [tag] as never },
      ],
      '# Intro',
    );
    expect(doc.indexOf('# First flow')).toBeLessThan(doc.indexOf('## Demo'));
    expect(doc.indexOf('# Second flow')).toBeLessThan(doc.indexOf('## Tag'));
    expect(doc.match(/### Table: colours/g)).toHaveLength(1);
    expect(() =>
      renderMappingGroups([{ title: 'x', description: '', mappings: [tag, tag] as never }], '# Intro'),
    ).toThrow(/two mappings are named "tag"/);
  });
});
