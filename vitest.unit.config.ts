import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * `npm run test:unit`: the unit tests alone, in seconds, with no DynamoDB Local (no Java) and no browser: the inner loop.
 * `npm test` runs them again with everything else.
 */
export default defineConfig({
  test: {
    ...base.test,
    projects: undefined, // one plain run
    include: ['test/unit/**/*.test.ts'],
    globalSetup: [],
  },
});
