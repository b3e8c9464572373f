import { ConflictError } from '../errors.js';
import type { PricePlan, RateVersion } from './price-plans.js';

const iso = (time: number) => new Date(time * 1000).toISOString();

/** A value with its object keys sorted: two documents that differ only in key order compare equal. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * The past is immutable: a change to a stored plan may not alter or remove a version that has started (at `now`), nor
 * add one that starts now or earlier, nor change what prices its started versions (zone, dynamic). A new plan may
 * hold versions in the past; no plan changes direction. Refusals are 409s naming the version.
 */
export function checkPlanChange(stored: PricePlan | undefined, next: PricePlan, now: number): void {
  if (!stored) return;
  const started = stored.rates.filter((r) => r.validFrom <= now);
  const nextByStart = new Map<number, RateVersion>(next.rates.map((r) => [r.validFrom, r]));
  for (const version of started) {
    const kept = nextByStart.get(version.validFrom);
    if (!kept) throw new ConflictError(`the version from ${iso(version.validFrom)} has started: it cannot be removed`);
    if (!same(kept, version)) throw new ConflictError(`the version from ${iso(version.validFrom)} has started: it cannot be changed`);
  }
  const storedStarts = new Set(stored.rates.map((r) => r.validFrom));
  const backdated = next.rates.find((r) => r.validFrom <= now && !storedStarts.has(r.validFrom));
  if (backdated) throw new ConflictError(`a new version must start in the future; ${iso(backdated.validFrom)} has passed`);
  // Meters are billed only on plans of their own direction: a plan that turned round would bill them the other way.
  if ((stored.direction ?? 'import') !== (next.direction ?? 'import')) throw new ConflictError('direction says which meters are on the plan: it cannot change (publish a new plan instead)');
  if (started.length > 0) {
    if ((stored.timeZone ?? null) !== (next.timeZone ?? null)) throw new ConflictError('timeZone prices the started versions: it cannot change');
    if (Boolean(stored.dynamic) !== Boolean(next.dynamic)) throw new ConflictError('dynamic prices the started versions: it cannot change');
  }
}
