import type { Reporter, TestModule } from 'vitest/node';

type ModuleLike = Pick<TestModule, 'state'> & { children: { allTests(): Iterable<{ result(): { state: string } }> } };

/**
 * The plain closing line CI reads: "Tests: N passed, N failed[, N skipped]". A file that failed outside its tests (a
 * `beforeAll` that threw, an import that broke: its tests then count as skipped) and an unhandled error each count
 * as a failure, so the line never says "0 failed" for a run that failed.
 */
export function summaryLine(testModules: ReadonlyArray<ModuleLike>, unhandledErrors: ReadonlyArray<unknown> = []): string {
  const counts: Record<string, number> = { passed: 0, failed: 0, skipped: 0, pending: 0 };
  let brokenFiles = 0;
  for (const module of testModules) {
    const tests = [...module.children.allTests()];
    for (const test of tests) counts[test.result().state] = (counts[test.result().state] ?? 0) + 1;
    if (module.state() === 'failed' && !tests.some((test) => test.result().state === 'failed')) brokenFiles++;
  }
  const failed = counts.failed! + brokenFiles + unhandledErrors.length;
  const skipped = counts.skipped! + counts.pending!;
  return `Tests: ${counts.passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

/** The slowest test files, slowest first, as a small table: where the next regression of the suite's time shows. */
export function slowestFiles(testModules: ReadonlyArray<Pick<TestModule, 'moduleId' | 'diagnostic'>>, count = 10): string {
  const rows = [...testModules]
    .map((module) => ({ file: module.moduleId.replace(`${process.cwd()}/`, ''), seconds: module.diagnostic().duration / 1000 }))
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, count);
  return ['The slowest test files (seconds):', ...rows.map((row) => `${row.seconds.toFixed(1).padStart(7)}  ${row.file}`)].join('\n');
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    console.log(`\n${slowestFiles(testModules)}`);
    // The closing line stays the last one (CI reads it).
    console.log(`\n${summaryLine(testModules, unhandledErrors)}`);
  }
}
