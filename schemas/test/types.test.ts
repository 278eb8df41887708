import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTypes, typesFile } from '../scripts/gen-types';

describe('schemas/types.ts', () => {
  it('is what `npm run schemas:types` renders from the .avsc files (run it after changing a schema)', async () => {
    expect(readFileSync(typesFile, 'utf8')).toBe(await generateTypes());
  });
});
