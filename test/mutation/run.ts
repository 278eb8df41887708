// npm run test:mutation [-- <area>… | --mutate '<glob>,…'] [other Stryker options]
// Areas are named in test/mutation/areas.json (kafka, retry-dlq, errors, mappings, writers); none = all of them.
// Each run keeps its own incremental file and report under reports/mutation/<run>.*, so mutants and tests
// that did not change since that area's last run are not run again.
import { spawnSync } from 'node:child_process';
import areas from './areas.json' with { type: 'json' };

const known: Record<string, string[]> = areas;
const args = process.argv.slice(2);
const named = args.filter((a) => a in known);
const rest = args.filter((a) => !(a in known));
const unknown = rest.filter((a, i) => !a.startsWith('-') && !(rest[i - 1] ?? '').startsWith('-'));
if (unknown.length > 0) {
  console.error(`unknown area ${unknown.join(', ')}; areas: ${Object.keys(known).join(', ')}`);
  process.exit(2);
}

const mutateAt = rest.findIndex((a) => a === '--mutate' || a === '-m');
const patterns = mutateAt >= 0 ? (rest[mutateAt + 1] ?? '') : named.flatMap((a) => known[a] ?? []).join(',');
const slug = (s: string): string =>
  s
    .replace(/\*\*?|\.ts\b/g, '')
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .replace(/^services-/, '');
const run = mutateAt >= 0 ? slug(patterns) || 'custom' : named.length > 0 ? named.join('+') : 'all';

const stryker = [
  'stryker',
  'run',
  'stryker.config.mjs',
  ...(mutateAt < 0 && patterns ? ['--mutate', patterns] : []),
  ...rest,
];
console.log(`mutation run "${run}": npx ${stryker.join(' ')}`);
const started = Date.now();
const result = spawnSync('npx', stryker, { stdio: 'inherit', env: { ...process.env, MUTATION_RUN: run } });
console.log(`mutation run "${run}" took ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(result.status ?? 1);
