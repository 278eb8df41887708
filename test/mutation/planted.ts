// `npm run test:planted [-- <name fragment>…]`: the planted mutants of issue 8, each of which must fail at
// least one test. Each mutant is applied to a throw-away git worktree of HEAD (the working tree is never
// touched), the tests named next to it run there, and the table says which test killed it. Integration and
// e2e tests need the broker and registry: run `npm run stack:up` and export .stack/stack.env first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../infra/stack/connection';
import mutants from './planted.json' with { type: 'json' };

interface Mutant {
  name: string;
  file: string;
  /** Every occurrence is replaced. */
  from: string;
  to: string;
  /** vitest arguments: the tests expected to kill it. */
  tests: string[];
}

const only = process.argv.slice(2);
const chosen = (mutants as Mutant[]).filter((m) => only.length === 0 || only.some((o) => m.name.includes(o)));
const dir = mkdtempSync(join(tmpdir(), 'planted-'));
const git = (...args: string[]) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
if (git('worktree', 'add', '--detach', dir, 'HEAD').status !== 0) throw new Error(`git worktree add ${dir} failed`);
for (const nm of ['node_modules', 'services/runtime/node_modules']) {
  if (existsSync(join(repoRoot, nm))) symlinkSync(join(repoRoot, nm), join(dir, nm));
}

const rows: string[] = [];
let survived = 0;
try {
  for (const m of chosen) {
    const path = join(dir, m.file);
    const original = readFileSync(path, 'utf8');
    if (!original.includes(m.from)) {
      rows.push(`${m.name}: NOT APPLIED — "${m.from}" is no longer in ${m.file}; update test/mutation/planted.json`);
      survived += 1;
      continue;
    }
    writeFileSync(path, original.split(m.from).join(m.to));
    const started = Date.now();
    console.log(`[planted] ${m.name}: npx vitest run ${m.tests.join(' ')}`);
    const r = spawnSync('npx', ['vitest', 'run', ...m.tests], { cwd: dir, encoding: 'utf8', env: process.env });
    writeFileSync(path, original);
    // eslint-disable-next-line no-control-regex
    const out = r.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    const failed = out
      .split('\n')
      .filter((l) => /^\s+×/.test(l))
      .map((l) => l.trim().replace(/^×\s*/, ''));
    const secs = Math.round((Date.now() - started) / 1000);
    if (r.status === 0) survived += 1;
    rows.push(
      r.status === 0
        ? `${m.name}: SURVIVED (${secs} s)`
        : `${m.name}: killed in ${secs} s by ${failed.slice(0, 3).join(' | ') || `exit ${r.status}`}`,
    );
  }
} finally {
  git('worktree', 'remove', '--force', dir);
  rmSync(dir, { recursive: true, force: true });
}
console.log(`\nplanted mutants (${chosen.length}):\n${rows.map((r) => `  ${r}`).join('\n')}`);
process.exit(survived === 0 ? 0 : 1);
