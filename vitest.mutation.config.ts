// Vitest as Stryker runs it (npm run test:mutation): the `unit` project of vitest.config.ts and nothing
// else — no broker, no registry. Every @m3mage/* import is resolved to the files of the tree this config
// sits in: in Stryker's sandbox, node_modules/@m3mage/* are links back to the unmutated checkout, so without
// this a mutant in services/runtime would be invisible to the tests of the services that use it.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

const root = fileURLToPath(new URL('.', import.meta.url));

function unitProject() {
  for (const project of base.test?.projects ?? []) {
    if (typeof project === 'object' && 'test' in project && project.test?.name === 'unit') return project.test;
  }
  throw new Error('vitest.config.ts has no project named unit');
}

/** The workspace folders of the root package.json (`services/*` expanded). */
function workspaceDirs(): string[] {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { workspaces: string[] };
  return workspaces.flatMap((w) => {
    if (!w.endsWith('/*')) return [w];
    const parent = w.slice(0, -2);
    return readdirSync(join(root, parent), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => join(parent, d.name));
  });
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `@m3mage/<pkg>[/<sub>]` → the file its package.json `exports` names, in this tree. */
function workspaceAliases(): { find: RegExp; replacement: string }[] {
  return workspaceDirs().flatMap((dir) => {
    const file = join(root, dir, 'package.json');
    if (!existsSync(file)) return [];
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name: string; exports?: Record<string, unknown> };
    return Object.entries(pkg.exports ?? {}).flatMap(([sub, target]) =>
      typeof target === 'string'
        ? [{ find: new RegExp(`^${escape(pkg.name + sub.slice(1))}$`), replacement: join(root, dir, target) }]
        : [],
    );
  });
}

const unit = unitProject();

export default defineConfig({
  resolve: { alias: workspaceAliases() },
  test: {
    include: unit.include ?? [],
    exclude: unit.exclude ?? [],
  },
});
