import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run mutate`'s test run: the unit tests and the integration tests that exercise the mutated files (summaries,
 * late writes, usage and costing over DynamoDB Local); the slow process, browser, chaos and year-long tests add
 * nothing there.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/late-writes.test.ts',
      'test/integration/summaries.test.ts',
      'test/integration/usage.test.ts',
      'test/integration/tariffs-e2e.test.ts',
    ],
    exclude: ['test/unit/layering.test.ts', 'test/unit/routes.test.ts'],
    reporters: ['default'],
  },
});
