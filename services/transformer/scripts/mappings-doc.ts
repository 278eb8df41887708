// npm run mappings:doc — renders every mapping and table to docs/mappings.md for business review.
// `--check` fails when the committed document is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { mappingsDocument } from '../src/mappings/doc';

const target = resolve(import.meta.dirname, '../../../docs/mappings.md');
export const docPath = target;
const doc = await format(mappingsDocument(), { ...(await resolveConfig(target)), filepath: target });
if (process.argv.includes('--check')) {
  const current = readFileSync(target, 'utf8');
  if (current !== doc) {
    console.error('docs/mappings.md is out of date: run npm run mappings:doc');
    process.exit(1);
  }
} else {
  writeFileSync(target, doc);
  console.log(`wrote ${target}`);
}
