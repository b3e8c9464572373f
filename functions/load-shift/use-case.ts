import { isComplete } from '../../shared/domain/costing.js';
import { roundMoney } from '../../shared/domain/price-plans.js';
import type { Account } from '../../shared/domain/accounts.js';
import { shiftSaving } from '../../shared/domain/load-shift.js';
import { cutAtHalfHours, DAY_SECONDS, dayOf, halfHourOf } from '../../shared/domain/time.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import { halfHourRates } from '../../shared/services/half-hour-rates.js';
import { meterBounds, openEnergyView, type MeterEnergyDeps } from '../../shared/services/meter-energy.js';
import { planCosts } from '../../shared/services/plan-costs.js';
import type { LoadShift } from './docs.js';
import { MAX_LOAD_SHIFT_SECONDS } from './route.js';

/**
 * The meter's own usage priced under every plan as it is, and with `share` of each UTC day's energy moved from that
 * day's dearest half hours into its cheapest ones on that plan: what shifting would save, best plan first. Plans that
 * cannot price every half hour with energy are listed apart, never guessed.
 */
export async function loadShift(deps: MeterEnergyDeps & { pricePlans: PricePlansReader }, account: Account, query: { from?: number; to?: number; share: number }): Promise<LoadShift> {
  const now = deps.now();
  const to = query.to ?? now;
  const from = query.from ?? Math.max(0, to - 30 * DAY_SECONDS);
  const asked = { from, to: Math.min(to, from + MAX_LOAD_SHIFT_SECONDS) };
  const bounds = await meterBounds(deps, account);
  // The answer covers the readings inside what was asked, so `from`/`to` say how much usage a saving rests on (a week
  // of readings is not "the last 30 days"); there is no energy outside them, so no cost changes.
  const spanFrom = bounds ? Math.max(asked.from, bounds.from) : asked.from;
  const span = { from: spanFrom, to: bounds ? Math.max(spanFrom, Math.min(asked.to, bounds.to)) : spanFrom };
  const view = await openEnergyView(deps, account, span, bounds);
  const { currency, costs } = await planCosts(deps.pricePlans, view, span, account);
  // The half hours of the span (the first and last cut to it), and each one's energy.
  const halfHours = cutAtHalfHours([span]);
  const [energy] = await view.energy([halfHours]);
  const starts = halfHours.map((h) => halfHourOf(h.from));
  const plans: LoadShift['plans'] = [];
  const incomplete: string[] = [];
  for (const cost of costs) {
    const { rates } = await halfHourRates(deps.pricePlans, cost.pricePlanId, starts);
    if (!isComplete(cost) || rates.some((r, i) => r === undefined && energy![i]! > 0)) {
      incomplete.push(cost.pricePlanId);
      continue;
    }
    let saving = 0;
    for (let first = 0; first < starts.length; ) {
      const day = dayOf(starts[first]!);
      let last = first;
      while (last < starts.length && starts[last]! < day + DAY_SECONDS) last++;
      saving += shiftSaving(energy!.slice(first, last), rates.slice(first, last).map((r) => r ?? 0), query.share);
      first = last;
    }
    plans.push({ pricePlanId: cost.pricePlanId, cost: cost.cost, costShifted: roundMoney(cost.cost - saving), saving: roundMoney(saving) });
  }
  plans.sort((a, b) => a.costShifted - b.costShifted || a.pricePlanId.localeCompare(b.pricePlanId));
  return { smartMeterId: account.smartMeterId, currency, from: span.from, to: span.to, share: query.share, plans, incomplete: incomplete.sort() };
}
