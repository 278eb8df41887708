// Golden tests of the Magento → change-data mappings: test/golden/<mapping>/<case>.in.json (a REST order or
// customer, REST JSON or DB-style strings, or a delete event's model data) → <case>.out.json: the record and the
// fields whose card numbers were masked (report.masked, sorted), or {"unmappable": message} for a refusal. A new
// case is a new file pair. UPDATE_GOLDEN=1 writes the .out.json files from the current mappings (review the diff!).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMappings, type Mapping } from '@m3mage/runtime/mapping';
import { magentoIngestMappings } from '../src/mappings';
import { mapCustomer } from '../src/mappings/customer.mapping';
import { mapOrder } from '../src/mappings/order.mapping';
import { MappingError, newReport, type MapReport } from '../src/mappings/values';

/** Golden folder (the mapping's name) → the function that runs it as magento-ingest does. */
const mappings: Readonly<Record<string, (src: unknown, report: MapReport) => unknown>> = {
  'magento-order': mapOrder,
  'magento-customer': mapCustomer,
};

const root = resolve(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';

const cases = readdirSync(root).flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.in.json'))
    .map((f) => ({ mapping: dir, name: f.replace(/\.in\.json$/, ''), file: join(root, dir, f) })),
);

function run(mapping: string, input: unknown): unknown {
  const report = newReport();
  try {
    const record = mappings[mapping]!(input, report);
    return { record, masked: [...report.masked].sort() };
  } catch (e) {
    if (e instanceof MappingError) return { unmappable: e.message };
    throw e;
  }
}

describe('golden Magento mappings', () => {
  it('has a mapping for every golden folder, and cases for each', () => {
    expect(readdirSync(root).filter((d) => !(d in mappings))).toEqual([]);
    for (const m of Object.keys(mappings)) expect(cases.filter((c) => c.mapping === m).length).toBeGreaterThan(5);
  });

  it('exports every mapping once, with the mappings it nests, for docs/mappings.md', () => {
    const names = magentoIngestMappings.map((m) => m.info.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(Object.keys(mappings)));
    const nested = (m: Mapping<never, unknown>): string[] =>
      Object.values(m.fields).flatMap((f) =>
        f.source.kind === 'nested' || f.source.kind === 'each' ? [f.source.mapping.info.name] : [],
      );
    expect(magentoIngestMappings.flatMap(nested).filter((n) => !names.includes(n))).toEqual([]);
    expect(renderMappings(magentoIngestMappings, '# Magento ingest')).toContain('## Magento order line');
  });

  it.each(cases)('$mapping / $name', ({ mapping, file }) => {
    const actual = run(mapping, JSON.parse(readFileSync(file, 'utf8')));
    const outFile = file.replace(/\.in\.json$/, '.out.json');
    if (update) writeFileSync(outFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(existsSync(outFile), `missing ${outFile} (UPDATE_GOLDEN=1 writes it)`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(outFile, 'utf8')));
  });
});
