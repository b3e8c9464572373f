import { describe, expect, it } from 'vitest';
import { summaryLine } from '../support/summary-reporter.js';

const file = (state: 'passed' | 'failed' | 'skipped', tests: string[]) => ({
  state: () => state,
  children: { allTests: () => tests.map((result) => ({ result: () => ({ state: result }) })) },
});

describe('the closing summary line', () => {
  it('counts passed, failed and skipped tests', () => {
    expect(summaryLine([file('passed', ['passed', 'passed']), file('failed', ['passed', 'failed', 'skipped'])])).toBe('Tests: 3 passed, 1 failed, 1 skipped');
  });

  it('counts a file that failed outside its tests (a beforeAll that threw), and unhandled errors, as failures', () => {
    expect(summaryLine([file('passed', ['passed']), file('failed', ['skipped', 'skipped'])])).toBe('Tests: 1 passed, 1 failed, 2 skipped');
    expect(summaryLine([file('failed', [])])).toBe('Tests: 0 passed, 1 failed');
    expect(summaryLine([file('passed', ['passed'])], [new Error('unhandled')])).toBe('Tests: 1 passed, 1 failed');
  });
});
