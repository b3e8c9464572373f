import { planParts, type Account } from '../../shared/domain/accounts.js';
import { roundMoney, vatRateOf, withVat } from '../../shared/domain/price-plans.js';
import { rateSegmentsOver, segmentsCost, standingCharge } from '../../shared/domain/tariff.js';
import { clipSpans, type Span } from '../../shared/domain/time.js';
import { NoPricePlanError } from '../../shared/errors.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import { meterBounds, openEnergyView, type MeterEnergyDeps } from '../../shared/services/meter-energy.js';
import { planNamed, priceBook } from '../../shared/services/price-book.js';
import type { UsageCost } from './docs.js';

export type UsageCostDeps = MeterEnergyDeps & { pricePlans: PricePlansReader };

/** Energy and cost (VAT included; an export meter's credit as a negative cost) over a span, each part priced under the plan in force then, at the prices of its time. */
export async function usageCost(deps: UsageCostDeps, account: Account, span: Span): Promise<UsageCost> {
  const { smartMeterId } = account;
  const planned = planParts(account, span);
  if (planned.length === 0) throw new NoPricePlanError(smartMeterId); // an empty span: nothing to price
  const bounds = await meterBounds(deps, account);
  const view = await openEnergyView(deps, account, span, bounds);
  const energySpans = view.energySpans();
  const book = await priceBook(deps.pricePlans, energySpans, new Set(planned.flatMap((p) => p.pricePlanId ?? [])));
  const parts = planned.map((part) => {
    const plan = part.pricePlanId === undefined ? undefined : planNamed(book, part.pricePlanId);
    if (!plan) throw new NoPricePlanError(smartMeterId, part.pricePlanId);
    return { plan, part };
  });
  const segmentSets = parts.map(({ plan, part }) => rateSegmentsOver(plan, clipSpans(energySpans, part), book.pricesOf(plan.pricePlanId)));
  const energies = await view.energy([parts.map(({ part }) => part), ...segmentSets]);
  const unconverted = view.unconverted ? await view.unconverted(segmentSets) : [];
  const byPlan = parts.map(({ plan, part }, i) => {
    const energy = segmentsCost(segmentSets[i]!, energies[i + 1]!, unconverted[i]);
    return {
      pricePlanId: plan.pricePlanId,
      from: part.from,
      to: part.to,
      kWh: energies[0]![i]!,
      cost: withVat(energy.cost + standingCharge(plan, part), vatRateOf(plan, book.vatRate)),
      unpricedKWh: energy.unpricedKWh,
    };
  });
  const unpricedKWh = byPlan.reduce((sum, p) => sum + p.unpricedKWh, 0);
  const unconvertedM3 = unconverted.flat().reduce((sum, m3) => sum + m3, 0);
  const [coverage] = await view.coverage([span]);
  return {
    smartMeterId,
    pricePlanId: byPlan.at(-1)!.pricePlanId,
    currency: book.currency,
    from: span.from,
    to: span.to,
    kWh: byPlan.reduce((sum, p) => sum + p.kWh, 0),
    cost: roundMoney(byPlan.reduce((sum, p) => sum + p.cost, 0)),
    complete: unpricedKWh === 0 && unconvertedM3 === 0,
    unpricedKWh,
    // A gas meter's volume on days with no published calorific value: in no kWh and no cost yet.
    ...(view.unconverted && { unconvertedM3 }),
    coverage: coverage!,
    byPlan,
  };
}
