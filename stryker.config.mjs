// StrykerJS (`npm run test:mutation`, see test/mutation/run.ts and the README's "Mutation testing"): mutants
// in the areas of test/mutation/areas.json, killed or not by the unit tests only (vitest.mutation.config.ts:
// no broker, no registry). Not part of `npm test` or CI's pass/fail.
import areas from './test/mutation/areas.json' with { type: 'json' };

// One name per run (an area, or a slug of the --mutate patterns), so each area keeps its own incremental
// file and report: running one area does not throw away another's results.
const run = process.env.MUTATION_RUN || 'all';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level values such as the error catalogue) are skipped: with vitest 4.1 the
  // runner 9.6.1 reports them as survived even when a test kills them (checked by hand on
  // DEFAULT_OUTAGE_WAIT_MS), and each one re-runs every related test.
  ignoreStatic: true,
  mutate: Object.values(areas).flat(),
  // Two cores: two test-runner processes.
  concurrency: 2,
  incremental: true,
  incrementalFile: `reports/mutation/${run}.incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${run}.html` },
  jsonReporter: { fileName: `reports/mutation/${run}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 75, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // Never copied into the sandbox: the local stack (Kafka, Apicurio, their data) and build output.
  ignorePatterns: ['.stack', '.stack-*', '.cache', 'coverage', 'dist', 'reports', '.stryker-tmp*'],
  timeoutMS: 10_000,
};
