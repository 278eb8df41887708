import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docPath, formattedDocument } from '../cli';
import { mappingGroups } from '../doc';

describe('docs/mappings.md', () => {
  it('is generated from the current mappings of every service (run npm run mappings:doc after changing one)', async () => {
    const expected = await formattedDocument();
    expect(readFileSync(docPath, 'utf8')).toBe(expected);
    expect(expected).toContain('# Magento → change data (magento-ingest)');
    expect(expected).toContain('# M3 → change data (m3-ion-ingest)');
    expect(expected).toContain('## Customer order (Magento order → cmd.m3.customer-order.v1)');
    expect(expected).toContain('### Table: warehouseBySource');
  });

  it('renders every mapping of each service once', () => {
    const names = mappingGroups.flatMap((g) => g.mappings.map((m) => m.info.name));
    expect(new Set(names).size).toBe(names.length);
    for (const g of mappingGroups) expect(g.mappings.length, g.title).toBeGreaterThan(0);
  });
});
