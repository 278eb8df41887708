// npm run mappings:doc — renders every mapping and table to docs/mappings.md for business review.
// `--check` fails when the committed document is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { mappingsDocument } from './doc';

export const docPath = resolve(import.meta.dirname, '../../docs/mappings.md');

/** The document as committed: rendered, then formatted by the repository's prettier settings. */
export async function formattedDocument(): Promise<string> {
  return format(mappingsDocument(), { ...(await resolveConfig(docPath)), filepath: docPath });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const doc = await formattedDocument();
  if (process.argv.includes('--check')) {
    if (readFileSync(docPath, 'utf8') !== doc) {
      console.error('docs/mappings.md is out of date: run npm run mappings:doc');
      process.exit(1);
    }
  } else {
    writeFileSync(docPath, doc);
    console.log(`wrote ${docPath}`);
  }
}
