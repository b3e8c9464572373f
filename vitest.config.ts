import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';
import LongPolesFirst from './test/support/long-poles-first.js';

/** No Java, no browser, no process: `npm run test:unit` runs these alone. */
const UNIT_TESTS = ['test/unit/**/*.test.ts'];

// Every temporary folder of the run (a synth's cdk.out of 23 MB, a file's data folders, chromium's profiles) goes in
// one folder, removed when the run ends: runs left about 250 MB each in /tmp before.
const RUN_TEMP_FOLDER = mkdtempSync(join(tmpdir(), 'joi-test-run-'));
process.env.TMPDIR = RUN_TEMP_FOLDER;
process.once('exit', () => rmSync(RUN_TEMP_FOLDER, { recursive: true, force: true }));

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_METRICS_DISABLED: 'true', LOG_LEVEL: 'warn' },
    // Most integration tests wait on DynamoDB Local (another process) or on processes they start: a file more than
    // cores in flight keeps both cores busy; more only makes each slower. All projects run at once, the longest files
    // first, so no core idles while one long file finishes.
    maxWorkers: 3,
    // A stray `.only` would quietly skip the rest of the suite: refused everywhere, not only when CI is set.
    allowOnly: false,
    sequence: { sequencer: LongPolesFirst },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A condition polled (a page's text, a port closing) gets 10 s, not vitest's 1 s: the whole suite shares two cores.
    expect: { poll: { timeout: 10_000 } },
    // Two projects, each one module graph per worker (no isolation): a worker runs file after file of its project in
    // the modules it has loaded, and starts afresh only for the other project. Three projects more (infra, npm start,
    // integration) made 14 workers, each importing the handlers or aws-cdk-lib again; two make 6.
    projects: [
      // The unit tests: pure, so they need nothing started.
      { extends: true, test: { name: 'unit', include: UNIT_TESTS, isolate: false } },
      // Everything else, over one DynamoDB Local for the whole run (each file makes its own tables): integration, the
      // stack's synths, the browser, and `npm start` as a person runs it.
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...UNIT_TESTS],
          globalSetup: ['test/support/global-setup.ts'],
          isolate: false,
          // What a file set up ends with it, so the next file in the worker starts clean.
          setupFiles: ['test/support/per-file.ts'],
        },
      },
    ],
  },
});
