import { DEMO_ACCOUNTS } from '../shared/domain/accounts.js';
import { plansOf, type Catalogue } from '../shared/domain/price-plans.js';
import type { AccountsStore } from '../shared/ports/accounts-store.js';
import type { ReadingsStore } from '../shared/ports/readings-store.js';
import type { IntervalsStore } from '../shared/ports/intervals-store.js';
import type { Interval } from '../shared/domain/energy-source.js';
import { energyPerPeriodKwh } from '../shared/domain/energy.js';
import { HALF_HOUR_SECONDS, halfHourOf } from '../shared/domain/time.js';
import { demoGasVolumes, demoReadings, demoSolarReadings } from './demo-readings.js';

const MINUTES_PER_WEEK = 7 * 24 * 60;
const WEEK = 7 * 86_400;

/** The week of minute readings the demo's meter `index` is seeded with, ending at `end` (an export meter's: solar). */
export const demoWeek = (index: number, end: number) =>
  DEMO_ACCOUNTS[index]?.direction === 'export' ? demoSolarReadings(index + 1, end, MINUTES_PER_WEEK) : demoReadings(index + 1, end, MINUTES_PER_WEEK);

/**
 * The week of half hours an interval demo meter is seeded with: the whole half hours before `end`, each the energy of
 * the same household profile's minute readings over it (so the shape is as real as the power meters').
 */
export function demoHalfHours(index: number, end: number): Interval[] {
  const last = halfHourOf(end);
  const halfHours = Array.from({ length: WEEK / HALF_HOUR_SECONDS }, (_, i) => ({ from: last - WEEK + i * HALF_HOUR_SECONDS, to: last - WEEK + (i + 1) * HALF_HOUR_SECONDS }));
  const kWh = energyPerPeriodKwh(demoReadings(index + 1, last + 60, WEEK / 60 + 1), halfHours);
  return halfHours.map((h, i) => ({ start: h.from, kWh: Math.round(kWh[i]! * 1000) / 1000 }));
}

/** The week of half-hour gas volumes (m³) a gas demo meter is seeded with: the whole half hours before `end`. */
export function demoGasWeek(index: number, end: number): Interval[] {
  const last = halfHourOf(end);
  const starts = Array.from({ length: WEEK / HALF_HOUR_SECONDS }, (_, i) => last - WEEK + i * HALF_HOUR_SECONDS);
  const volumes = demoGasVolumes(index + 1, starts);
  return starts.map((start, i) => ({ start, kWh: volumes[i]! }));
}

/**
 * Adds the demo accounts that are missing (a switched plan is kept; on a plan of `catalogue` when it lacks theirs), each owned by its demo customer, and, for every demo meter with no data yet (half hours for the interval meter),
 * a week of minute readings ending at `end`. Returns how many meters got readings.
 */
export async function seedDemoData(stores: { accounts: AccountsStore; readings: ReadingsStore; intervals: IntervalsStore }, end: number, catalogue?: Catalogue): Promise<number> {
  let seeded = 0;
  for (const [index, account] of DEMO_ACCOUNTS.entries()) {
    const existing = await stores.accounts.find(account.smartMeterId);
    // A catalogue without the seed's plans (e.g. the example one): the new demo account goes on one of its plans of
    // the meter's direction.
    const planIds = catalogue ? plansOf(catalogue, account.direction, account.fuel).map((p) => p.pricePlanId) : [];
    const fallback = planIds[index % planIds.length];
    const onKnownPlan = catalogue && !planIds.includes(account.pricePlanId!) && fallback ? { ...account, pricePlanId: fallback, planHistory: [{ pricePlanId: fallback, from: 0 }] } : account;
    if (!existing) await stores.accounts.save(onKnownPlan);
    // Accounts from before demo logins existed get their demo customer; a switched plan is kept.
    else if (!existing.customerId) await stores.accounts.save({ ...existing, customerId: account.customerId });
    if (account.kind === 'interval') {
      if ((await stores.intervals.bounds(account.smartMeterId)) !== undefined) continue;
      // A gas meter's half hours are volumes (m³), stored as sent and converted when read.
      await stores.intervals.save(account.smartMeterId, account.fuel === 'gas' ? demoGasWeek(index, end) : demoHalfHours(index, end));
      seeded++;
      continue;
    }
    if ((await stores.readings.listPage(account.smartMeterId, {}, 1)).readings.length > 0) continue;
    await stores.readings.seed(account.smartMeterId, demoWeek(index, end)); // none yet: written whole, hour by hour
    seeded++;
  }
  return seeded;
}
