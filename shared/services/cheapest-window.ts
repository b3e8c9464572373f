import { roundMoney } from '../domain/price-plans.js';
import { chooseWindow, halfHoursInside, MAX_WINDOW_SECONDS, type WindowMode, type WindowRank, type WindowSlot } from '../domain/cheapest-window.js';
import { HALF_HOUR_SECONDS } from '../domain/time.js';
import { ValidationError } from '../errors.js';
import type { WindowAnswer } from '../http/response-schemas.js';
import type { PricePlansReader } from '../ports/price-plans-store.js';
import { carbonIntensity, halfHourRates } from './half-hour-rates.js';

/** Without `to`, the window runs a day from `from`. */
export const DEFAULT_WINDOW_SECONDS = 86_400;

export interface WindowQuery {
  from?: number;
  to?: number;
  duration: number;
  mode: WindowMode;
  rank: WindowRank;
  maxRate?: number;
  kWh: number;
}


/**
 * The cheapest (or greenest) time in [from, to) to use `kWh` over `duration` seconds on a plan. Every half hour of the
 * window must be priced: a window reaching a half hour whose price is not published yet answers `rates_incomplete`
 * and names it, never a guess. Ranking by carbon needs the intensity of every half hour likewise.
 */
export async function cheapestWindow(reader: PricePlansReader, pricePlanId: string, query: WindowQuery, now: number): Promise<WindowAnswer> {
  const from = query.from ?? now;
  const to = query.to ?? from + DEFAULT_WINDOW_SECONDS;
  if (to <= from) throw new ValidationError('from must be before to');
  if (to - from > MAX_WINDOW_SECONDS) throw new ValidationError('to must be at most 7 days after from');
  if (query.duration > to - from) throw new ValidationError(`duration must fit the window (${to - from} seconds)`);
  const starts = halfHoursInside(from, to);
  const count = query.duration / HALF_HOUR_SECONDS;
  const { currency, rates } = await halfHourRates(reader, pricePlanId, starts);
  const base = { pricePlanId, currency, from, to, slots: [], averageRate: null, cost: null };
  const unpriced = rates.findIndex((r) => r === undefined);
  if (unpriced >= 0) return { ...base, status: 'rates_incomplete', missing: { from: starts[unpriced]!, to: starts[unpriced]! + HALF_HOUR_SECONDS } };
  const intensity = query.rank === 'cost' ? new Map<number, number>() : await carbonIntensity(reader, starts[0] ?? from, (starts.at(-1) ?? from) + HALF_HOUR_SECONDS);
  const slots: WindowSlot[] = starts.map((start, i) => ({
    from: start,
    to: start + HALF_HOUR_SECONDS,
    unitRate: rates[i]!,
    ...(intensity.has(start) && { gCO2PerKWh: intensity.get(start)! }),
  }));
  if (query.rank !== 'cost') {
    const without = slots.find((s) => s.gCO2PerKWh === undefined);
    if (without) return { ...base, status: 'intensity_incomplete', missing: { from: without.from, to: without.to } };
  }
  const choice = chooseWindow(slots, { count, mode: query.mode, rank: query.rank, maxRate: query.maxRate });
  const averageRate = choice.slots.length === 0 ? null : roundMoney(choice.slots.reduce((sum, s) => sum + s.unitRate, 0) / choice.slots.length);
  return { ...base, status: choice.status, slots: choice.slots, averageRate, cost: averageRate === null ? null : roundMoney(averageRate * query.kWh) };
}
