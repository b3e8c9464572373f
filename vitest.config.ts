import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_METRICS_DISABLED: 'true', LOG_LEVEL: 'warn' },
    // Most integration tests wait on DynamoDB Local (another process) or on processes they start: more files than
    // cores in flight keeps both cores busy.
    maxWorkers: 3,
    // A stray `.only` would quietly skip the rest of the suite: refused everywhere, not only when CI is set.
    allowOnly: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
