import { afterAll, vi } from 'vitest';
import { resetConfiguration } from '../../shared/config.js';

// The suite's files share a worker's modules (no isolation: each file would otherwise import the handlers again).
// What one file set (its tables, its issuer, its spies, its clock) ends with it, so the next file starts as a fresh
// process would.
afterAll(() => {
  resetConfiguration();
  vi.restoreAllMocks();
  vi.useRealTimers();
});
