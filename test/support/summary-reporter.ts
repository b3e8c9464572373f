import type { Reporter, TestModule } from 'vitest/node';

/** Ends the run with one plain line CI can read: "Tests: N passed, N failed[, N skipped]". */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const module of testModules) for (const test of module.children.allTests()) counts[test.result().state]++;
    const failed = counts.failed + testModules.filter((m) => m.state() === 'failed' && m.children.size === 0).length;
    const skipped = counts.skipped + counts.pending;
    console.log(`\nTests: ${counts.passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }
}
