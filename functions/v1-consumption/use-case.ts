import { calendarBuckets } from '../../shared/domain/calendar.js';
import type { Account } from '../../shared/domain/accounts.js';
import type { Caller } from '../../shared/domain/authorization.js';
import { GasEnergy } from '../../shared/domain/energy-source.js';
import { DAY_SECONDS, HALF_HOUR_SECONDS, type Span } from '../../shared/domain/time.js';
import { ValidationError } from '../../shared/errors.js';
import type { ApiEvent } from '../../shared/http/api-handler.js';
import { meterNotFound, newestFirst, OCTOPUS_TIME_ZONE, octopusTime, pageOf } from '../../shared/http/octopus.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import { meterBounds, openEnergyView, type MeterEnergyDeps } from '../../shared/services/meter-energy.js';
import type { ConsumptionPage } from './docs.js';
import { METER_POINTS, type CONSUMPTION_GROUPS } from './route.js';

/**
 * A client walks pages: each page's request asks for the same periods, so the answer is kept for a little while (per
 * warm function) and the next page is a slice of it rather than the whole range worked out again. Readings sent
 * meanwhile show within CONSUMPTION_CACHE_SECONDS, as price changes do.
 */
export const CONSUMPTION_CACHE_SECONDS = 30;
const CACHED_WALKS = 8;
const walks = new Map<string, { at: number; results: ConsumptionPage['results'] }>();

/** Every request's work is bounded: three years of half hours (52,704) at most. */
export const MAX_CONSUMPTION_SECONDS = 3 * 366 * DAY_SECONDS;

interface ConsumptionQuery {
  period_from?: number;
  period_to?: number;
  page: number;
  page_size: number;
  order_by?: string;
  order?: string;
  group_by?: (typeof CONSUMPTION_GROUPS)[number];
}

/** The half hours whose start lies in [from, to) (UTC :00/:30, which London's whole-hour offsets keep aligned). */
function halfHours(span: Span): Span[] {
  const periods: Span[] = [];
  for (let start = Math.ceil(span.from / HALF_HOUR_SECONDS) * HALF_HOUR_SECONDS; start < span.to; start += HALF_HOUR_SECONDS) periods.push({ from: start, to: start + HALF_HOUR_SECONDS });
  return periods;
}

/** London calendar periods over the span; quarters are three months from January, April, July and October. */
function periodsOf(span: Span, group: ConsumptionQuery['group_by']): Span[] {
  if (group === undefined) return halfHours(span);
  if (group !== 'quarter') return calendarBuckets(span, group, OCTOPUS_TIME_ZONE);
  const quarters: Span[] = [];
  for (const month of calendarBuckets(span, 'month', OCTOPUS_TIME_ZONE)) {
    const monthOfYear = new Date((month.from + 14 * DAY_SECONDS) * 1000).getUTCMonth(); // mid-month: no zone doubt
    if (quarters.length === 0 || monthOfYear % 3 === 0) quarters.push({ ...month });
    else quarters.at(-1)!.to = month.to;
  }
  return quarters;
}

/**
 * A meter's consumption as Octopus answers it. The caller reaches only their own meter (an operator any): any other
 * is a 404, as a meter that does not exist, and so is the wrong fuel's path or a serial that is not the meter.
 */
export async function consumptionPage(
  deps: MeterEnergyDeps & { accounts: Pick<AccountsStore, 'find'> },
  caller: Caller,
  path: { meterPoints: keyof typeof METER_POINTS; meterPoint: string; serialNumber: string },
  query: ConsumptionQuery,
  event: ApiEvent,
  /** Which data this process reads (its tables): a cached walk is never served from another's. */
  scope = '',
): Promise<ConsumptionPage> {
  if (path.meterPoint !== path.serialNumber) throw meterNotFound();
  const account = await deps.accounts.find(path.meterPoint);
  const owner = caller.kind === 'operator' || ((caller.kind === 'customer' || caller.kind === 'personal') && account?.customerId === caller.sub);
  if (!account || !owner || account.fuel !== METER_POINTS[path.meterPoints]) throw meterNotFound();
  const explicit = query.period_from !== undefined && query.period_to !== undefined;
  if (explicit && query.period_to! - query.period_from! > MAX_CONSUMPTION_SECONDS) {
    throw new ValidationError('period_to: at most three years after period_from: page through shorter periods');
  }
  // A range given whole needs no look-up of where the data lies (two reads): the view reads only what it holds.
  const bounds = explicit ? { from: query.period_from!, to: query.period_to! } : await meterBounds(deps, account);
  if (!bounds) return pageOf(event, [], query.page, query.page_size);
  const to = query.period_to ?? bounds.to + 1; // the last reading's own half hour too
  const from = Math.max(query.period_from ?? bounds.from, to - MAX_CONSUMPTION_SECONDS);
  if (query.period_from !== undefined && from > query.period_from) throw new ValidationError('period_from: at most three years before period_to');
  const key = JSON.stringify([scope, account.smartMeterId, from, to, query.group_by]);
  const cached = walks.get(key);
  const results = cached && deps.now() - cached.at < CONSUMPTION_CACHE_SECONDS ? cached.results : await consumptionOf(deps, account, bounds, { from, to }, query.group_by);
  if (cached?.results !== results) {
    walks.delete(key);
    walks.set(key, { at: deps.now(), results });
    if (walks.size > CACHED_WALKS) walks.delete(walks.keys().next().value!);
  }
  const ordered = newestFirst(query) ? [...results].reverse() : results;
  return pageOf(event, ordered, query.page, query.page_size);
}

/** The periods' consumption, oldest first, those without data left out. */
async function consumptionOf(deps: MeterEnergyDeps, account: Account, bounds: Span, range: Span, group: ConsumptionQuery['group_by']): Promise<ConsumptionPage['results']> {
  const periods = range.from < range.to ? periodsOf(range, group) : [];
  const results: ConsumptionPage['results'] = [];
  if (periods.length > 0) {
    const span = { from: periods[0]!.from, to: periods.at(-1)!.to };
    const view = await openEnergyView(deps, account, span, bounds);
    // Gas in the volume its meter sent (m³), as Octopus answers a SMETS2 gas meter; electricity in kWh. One after the
    // other: the view keeps the day summaries the first reads, so the second reads none again (at once, both would).
    const amounts = view instanceof GasEnergy ? (await view.gasIn(periods)).map((period) => period.m3) : (await view.energy([periods]))[0]!;
    const coverage = await view.coverage(periods);
    periods.forEach((period, i) => {
      if (coverage[i]! > 0) results.push({ consumption: amounts[i]!, interval_start: octopusTime(period.from), interval_end: octopusTime(period.to) });
    });
  }
  return results;
}
