// Golden tests: test/golden/<mapping>/<case>.in.json → <case>.out.json (the MapResult). A new case is a new
// file pair. UPDATE_GOLDEN=1 writes the .out.json files from the current mappings (review the diff!).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allMappings } from '../src/mappings';

const root = resolve(import.meta.dirname, 'golden');
const byName = new Map(allMappings.map((m) => [m.info.name, m]));
const update = process.env.UPDATE_GOLDEN === '1';

const cases = readdirSync(root).flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.in.json'))
    .map((f) => ({ mapping: dir, name: f.replace(/\.in\.json$/, ''), file: join(root, dir, f) })),
);

describe('golden mappings', () => {
  it('has a mapping for every golden folder and cases for every top-level mapping', () => {
    expect(readdirSync(root).filter((d) => !byName.has(d))).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)('$mapping / $name', ({ mapping, file }) => {
    const input = JSON.parse(readFileSync(file, 'utf8')) as never;
    const actual = byName.get(mapping)!.map(input);
    const outFile = file.replace(/\.in\.json$/, '.out.json');
    if (update) writeFileSync(outFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(existsSync(outFile), `missing ${outFile} (UPDATE_GOLDEN=1 writes it)`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(outFile, 'utf8')));
  });
});
