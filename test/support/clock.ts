import { vi } from 'vitest';

const FIXED_INSTANT = '2026-06-10T12:34:56Z';
/** The instant a test's "now" is when it names none: fixed, so no run depends on the day it runs. */
export const FIXED_NOW = Date.parse(FIXED_INSTANT) / 1000;

/**
 * Fixes this test file's clock (Date only: timers still run) at an instant, so "yesterday" and "tomorrow" in a test
 * and "now" in the handlers it calls in-process are the same instant, and a run that crosses midnight flips nothing.
 * Returns it in epoch seconds. Processes the file starts keep the real clock.
 */
export function fixClock(iso = FIXED_INSTANT): number {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(iso) });
  return Date.parse(iso) / 1000;
}
