import { COVERAGE_DAYS, type MeterStatus } from '../../shared/domain/meter-health.js';
import { DAY_SECONDS } from '../../shared/domain/time.js';
import { forEachLimited } from '../../shared/concurrency.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import { openEnergyView, type MeterEnergyDeps } from '../../shared/services/meter-energy.js';
import { lastReadings } from '../../shared/services/meter-health.js';
import { METERS_PAGE } from './route.js';
import type { MeterHealth, MeterList } from './docs.js';

export type ListMetersDeps = MeterEnergyDeps & { accounts: Pick<AccountsStore, 'page'> };

/** Coverage views opened at once: each reads a week's day states and the days not summarized yet. */
const COVERAGE_IN_FLIGHT = 8;

/** A page of the fleet with each meter's health, keeping those of the status asked. */
export async function listMeters(deps: ListMetersDeps, query: { status: 'all' | MeterStatus; silentFor: number; cursor?: string }): Promise<MeterList> {
  const now = deps.now();
  const { accounts, next } = await deps.accounts.page(METERS_PAGE, query.cursor);
  const rows = (await lastReadings(deps, accounts, now, query.silentFor)).filter((row) => query.status === 'all' || row.status === query.status);
  const meters: MeterHealth[] = rows.map(({ account, lastReadingAt, status }) => ({
    smartMeterId: account.smartMeterId,
    kind: account.kind,
    pricePlanId: account.pricePlanId ?? null,
    customerId: account.customerId ?? null,
    lastReadingAt: lastReadingAt ?? null,
    coverage7d: 0,
    status,
  }));
  const week = { from: now - COVERAGE_DAYS * DAY_SECONDS, to: now };
  await forEachLimited(meters, COVERAGE_IN_FLIGHT, async (meter) => {
    if (meter.lastReadingAt === null || meter.lastReadingAt < week.from - deps.maxGapSeconds) return; // nothing in the week
    // Coverage counts half hours that hold data, whatever the fuel: a gas meter's volumes need no conversion for it.
    const view = await openEnergyView(deps, { smartMeterId: meter.smartMeterId, kind: meter.kind }, week, { from: week.from, to: meter.lastReadingAt });
    [meter.coverage7d] = (await view.coverage([week])) as [number];
  });
  return { meters, nextCursor: next ?? null };
}
