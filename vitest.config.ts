import { configDefaults, defineConfig } from 'vitest/config';

/** The process tests start `npm start` (a JVM and a week of demo data) several times: given the machine to themselves. */
const PROCESS_TESTS = ['test/integration/local-start.test.ts'];

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_METRICS_DISABLED: 'true', LOG_LEVEL: 'warn' },
    // Most integration tests wait on DynamoDB Local (another process) or on processes they start: a file more than
    // cores in flight keeps both cores busy; more only makes each slower.
    maxWorkers: 3,
    // A stray `.only` would quietly skip the rest of the suite: refused everywhere, not only when CI is set.
    allowOnly: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      // First, alone: `npm start` as a person runs it, whose starts would otherwise queue behind every other file.
      { extends: true, test: { name: 'npm-start', include: PROCESS_TESTS, sequence: { groupOrder: 0 } } },
      // Then everything else, over one DynamoDB Local for the whole run (each file makes its own tables).
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...PROCESS_TESTS],
          globalSetup: ['test/support/global-setup.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
