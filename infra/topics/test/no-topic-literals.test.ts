// Topic names come from the catalogue only (TOPIC, GROUP, the derived retry and dead-letter names): a service
// source file that spells a topic name as a string is a second source of truth that drifts.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOPIC } from '../catalogue';
import { repoRoot } from '../../stack/connection';

const servicesDir = join(repoRoot, 'services');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

const names = new Set<string>(Object.values(TOPIC));
/** A topic-shaped string: a catalogue prefix and a dotted name, a dead-letter or retry topic. */
const topicShaped = /^(cdc|cmd|xref|state)\.[a-z0-9-]+\.[a-z0-9.-]+$|\.dlq$|\.retry\.\d+$/;
const literal = /'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`$\\\n]*)`/g;

/** Every string literal in a TypeScript source that names a topic, with its line. */
function topicLiterals(source: string): Array<{ line: number; text: string }> {
  const out: Array<{ line: number; text: string }> = [];
  source.split('\n').forEach((code, i) => {
    if (/^\s*(\/\/|\*|\/\*)/.test(code)) return;
    for (const m of code.matchAll(literal)) {
      const text = m[1] ?? m[2] ?? m[3] ?? '';
      if (names.has(text) || topicShaped.test(text)) out.push({ line: i + 1, text });
    }
  });
  return out;
}

describe('topic names in service sources', () => {
  it('recognises a topic literal in any quoting, and not a comment or an unrelated string', () => {
    expect(topicLiterals(`const a = 'cdc.magento.order.v1';\nconst b = "x.dlq";\nconst c = \`t.retry.2\`;`)).toEqual([
      { line: 1, text: 'cdc.magento.order.v1' },
      { line: 2, text: 'x.dlq' },
      { line: 3, text: 't.retry.2' },
    ]);
    expect(topicLiterals(`// reads 'cdc.magento.order.v1'\nconst v = 'cdc.';\nconst w = 'order:1';`)).toEqual([]);
  });

  it('no file under services/*/src spells a topic name: each comes from @m3mage/topics/catalogue', () => {
    const found = readdirSync(servicesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => {
        const src = join(servicesDir, d.name, 'src');
        try {
          return sourceFiles(src);
        } catch {
          return [];
        }
      })
      .flatMap((file) =>
        topicLiterals(readFileSync(file, 'utf8')).map((l) => `${relative(repoRoot, file)}:${l.line} '${l.text}'`),
      );
    expect(found).toEqual([]);
  });
});
