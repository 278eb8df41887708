import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { mappingsDocument } from '../../src/mappings/doc';

describe('docs/mappings.md', () => {
  it('is generated from the current mappings (run npm run mappings:doc after changing one)', async () => {
    const target = resolve(import.meta.dirname, '../../../../docs/mappings.md');
    const expected = await format(mappingsDocument(), { ...(await resolveConfig(target)), filepath: target });
    expect(readFileSync(target, 'utf8')).toBe(expected);
    expect(expected).toContain('## Customer order (Magento order → cmd.m3.customer-order.v1)');
    expect(expected).toContain('### Table: warehouseBySource');
  });
});
