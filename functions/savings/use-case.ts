import { planAt, type Account } from '../../shared/domain/accounts.js';
import {
  daysOfData,
  MIN_DAYS_FOR_ADVICE,
  PROVISIONAL_BELOW_COVERAGE,
  planSummary,
  SAVINGS_WINDOWS,
  savingsAdvice,
  versusCurrent,
  windowName,
} from '../../shared/domain/savings.js';
import { DAY_SECONDS, type Span } from '../../shared/domain/time.js';
import { plansOf } from '../../shared/domain/price-plans.js';
import { firstDataAt, meterBounds, openEnergyView, type MeterEnergyDeps, type MeterRef } from '../../shared/services/meter-energy.js';
import { planCosts } from '../../shared/services/plan-costs.js';
import { rankComplete } from '../../shared/domain/costing.js';
import { pairAdvice } from '../../shared/domain/plan-pairs.js';
import { comparePairs, type PairDeps } from '../../shared/services/plan-pairs.js';
import type { PeriodComparison, SavingsReport } from './docs.js';

export type SavingsDeps = PairDeps;

/**
 * Every plan's cost over the last 30 days and the last 12 months (each cut to the readings it holds), each with its
 * difference to the current plan, and the advice: the cheapest plan over the longer period when it saves money.
 */
export async function savingsReport(deps: SavingsDeps, account: Account): Promise<SavingsReport> {
  const now = deps.now();
  const { smartMeterId } = account;
  const bounds = await meterBounds(deps, account);
  const current = planAt(account, now) ?? null;
  const periods = await Promise.all(
    SAVINGS_WINDOWS.map(async (window): Promise<PeriodComparison> => {
      const start = now - window.days * DAY_SECONDS;
      const name = windowName(window, start, bounds?.from);
      const span = await dataSpanSince(deps, account, start, now, bounds);
      if (!span) return { period: name, from: start, to: now, days: 0, coverage: 0, costs: [], incomplete: [] };
      const view = await openEnergyView(deps, account, span, bounds);
      const { costs, incomplete } = rankComplete((await planCosts(deps.pricePlans, view, span, account)).costs);
      // Up to now, not to the last reading: a meter silent for days has that much less coverage.
      const [coverage] = await view.coverage([{ from: span.from, to: now }]);
      return { period: name, ...span, days: daysOfData(span), coverage: coverage!, costs: versusCurrent(costs, current), incomplete };
    }),
  );
  const basis = periods.at(-1)!;
  const verdict = savingsAdvice(current, basis);
  const catalogue = await deps.pricePlans.catalogue();
  // A solar household's advice is about its pair: over the same period, which of its two plans should change.
  const pair = account.exportMeterId !== undefined && basis.days > 0 ? await comparePairs(deps, account, { from: basis.from, to: basis.to }) : undefined;
  return {
    smartMeterId,
    direction: account.direction,
    fuel: account.fuel,
    pricePlanId: current,
    currency: catalogue.currency,
    vatRate: catalogue.vatRate,
    minimumDays: MIN_DAYS_FOR_ADVICE,
    periods,
    coverage: periods.at(-1)!.coverage,
    provisional: periods.at(-1)!.coverage < PROVISIONAL_BELOW_COVERAGE,
    advice: 'advice' in verdict ? verdict.advice : null,
    noAdvice: 'noAdvice' in verdict ? verdict.noAdvice : null,
    ...(account.exportMeterId !== undefined && {
      pairAdvice: pair && basis.days >= MIN_DAYS_FOR_ADVICE ? pairAdvice({ importPlanId: current ?? undefined, exportPlanId: pair.current.exportPlanId ?? undefined }, pair.pairs, (basis.to - basis.from) / DAY_SECONDS) : null,
    }),
    // The plans the meter may be on; a solar household's import meter also sees the export plans of its pair.
    plans: (account.exportMeterId !== undefined ? catalogue.pricePlans : plansOf(catalogue, account.direction, account.fuel)).map((plan) => planSummary(plan, now, catalogue.vatRate)),
  };
}

/** From the first reading at or after `start` to the last one (before now); undefined when the window holds none. */
async function dataSpanSince(deps: MeterEnergyDeps, meter: MeterRef, start: number, now: number, bounds: Span | undefined): Promise<Span | undefined> {
  if (!bounds || bounds.to < start) return undefined;
  const from = bounds.from >= start ? bounds.from : await firstDataAt(deps, meter, start);
  const to = Math.min(bounds.to, now);
  return from !== undefined && from < to ? { from, to } : undefined;
}
