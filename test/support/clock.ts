import { vi } from 'vitest';

/**
 * Fixes this test file's clock (Date only: timers still run) at an instant, so "yesterday" and "tomorrow" in a test
 * and "now" in the handlers it calls in-process are the same instant, and a run that crosses midnight flips nothing.
 * Returns it in epoch seconds. Processes the file starts keep the real clock.
 */
export function fixClock(iso: string): number {
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(iso) });
  return Date.parse(iso) / 1000;
}
