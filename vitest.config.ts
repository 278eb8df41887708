import { defineConfig } from 'vitest/config';

// Two projects: `unit` needs nothing running; `integration` (files *.it.test.ts) runs against the real
// Kafka broker and schema registry. Its global setup fails the run, saying how to start them, when they
// cannot be reached: integration tests never skip.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'services/**/test/**/*.test.ts',
            'infra/**/test/**/*.test.ts',
            'schemas/test/**/*.test.ts',
            'test/unit/**/*.test.ts',
          ],
          exclude: ['**/*.it.test.ts', '**/node_modules/**'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: [
            'services/**/test/**/*.it.test.ts',
            'infra/**/test/**/*.it.test.ts',
            'schemas/test/**/*.it.test.ts',
            'test/**/*.it.test.ts',
          ],
          exclude: ['**/node_modules/**', 'test/e2e/**'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
          // Unit tests first; the integration files after them, sharing one broker.
          sequence: { groupOrder: 1 },
        },
      },
      {
        // The whole product (five services as processes) last and alone, so timing-sensitive
        // integration tests do not share the two cores with it.
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.it.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 400_000,
          hookTimeout: 300_000,
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
