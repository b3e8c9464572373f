import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import LongPolesFirst from './test/support/long-poles-first.js';

// Every temporary folder of the run (a synth's cdk.out of 23 MB, a file's data folders, chromium's profiles) goes in
// one folder, removed when the run ends: runs left about 250 MB each in /tmp before.
const RUN_TEMP_FOLDER = mkdtempSync(join(tmpdir(), 'joi-test-run-'));
process.env.TMPDIR = RUN_TEMP_FOLDER;
process.once('exit', () => rmSync(RUN_TEMP_FOLDER, { recursive: true, force: true }));

export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_METRICS_DISABLED: 'true', LOG_LEVEL: 'warn' },
    include: ['test/**/*.test.ts'],
    // A worker per core (2 here). Each worker imports the handlers, the AWS SDK and aws-cdk-lib and warms its own
    // JIT: here a third cost about 28 core-s more a run for the same wall time, and `npm test` runs the checks beside
    // vitest on what two workers leave idle while they wait on DynamoDB Local, chromium and `npm start`. The longest
    // files start first, so no core idles while one long file finishes.
    maxWorkers: availableParallelism(),
    // A stray `.only` would quietly skip the rest of the suite: refused everywhere, not only when CI is set.
    allowOnly: false,
    sequence: { sequencer: LongPolesFirst },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A condition polled (a page's text, a port closing) gets 10 s, not vitest's 1 s: the whole suite shares two cores.
    expect: { poll: { timeout: 10_000 } },
    // One module graph per worker (no isolation): a worker runs file after file in the modules it has loaded (the
    // handlers and aws-cdk-lib are imported once per worker, not once per file; test/support/per-file.ts ends what a
    // file set up). Vitest keeps a worker only while the next file queued is of its project, so there is one project:
    // four made 14 workers, one makes 2.
    isolate: false,
    setupFiles: ['test/support/per-file.ts'],
    // One DynamoDB Local for the whole run, started when the first file asks (unit and infra files never do).
    globalSetup: ['test/support/global-setup.ts'],
  },
});
