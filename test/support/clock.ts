import { afterAll, beforeAll, vi } from 'vitest';

const FIXED_INSTANT = '2026-06-10T12:34:56Z';
/** The instant a test's "now" is when it names none: fixed, so no run depends on the day it runs. */
export const FIXED_NOW = Date.parse(FIXED_INSTANT) / 1000;

/**
 * Fixes this test file's clock (Date only: timers still run) at an instant while its tests run, so "yesterday" and
 * "tomorrow" in a test and "now" in the handlers it calls in-process are the same instant, and a run that crosses
 * midnight flips nothing. Returns it in epoch seconds. Called at a file's top level; the real clock is back after the
 * file (the next file in the same worker has its own). Processes the file starts keep the real clock.
 */
export function fixClock(iso = FIXED_INSTANT): number {
  beforeAll(() => void vi.useFakeTimers({ toFake: ['Date'], now: new Date(iso) }));
  afterAll(() => void vi.useRealTimers());
  return Date.parse(iso) / 1000;
}
