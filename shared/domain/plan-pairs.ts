import { isComplete, type PricedPlanCost } from './costing.js';
import { roundMoney, type PricePlan } from './price-plans.js';
import { MIN_DAYS_FOR_YEARLY_SAVING, MIN_SAVING, perYear } from './savings.js';

/**
 * Two meters of one household, each costed once under every plan of its own market (n + m costings, not n × m), and
 * every allowed combination of a plan of each ranked by what the two cost together: an import and an export meter
 * (the pair's net), or an electricity and a gas meter (dual fuel's total). One rule says which combinations are sold.
 */
export function rankCombinations(first: readonly PricedPlanCost[], second: readonly PricedPlanCost[], allowed: (first: string, second: string) => boolean) {
  const ranked: { first: PricedPlanCost; second: PricedPlanCost; sum: number }[] = [];
  const incomplete: { first: string; second: string }[] = [];
  for (const b of second) {
    for (const a of first) {
      if (!allowed(a.pricePlanId, b.pricePlanId)) continue;
      if (!isComplete(a) || !isComplete(b)) incomplete.push({ first: a.pricePlanId, second: b.pricePlanId });
      else ranked.push({ first: a, second: b, sum: roundMoney(a.cost + b.cost) });
    }
  }
  const byIds = (x: { first: string; second: string }, y: { first: string; second: string }) => x.first.localeCompare(y.first) || x.second.localeCompare(y.second);
  const ids = (c: (typeof ranked)[number]) => ({ first: c.first.pricePlanId, second: c.second.pricePlanId });
  return { ranked: ranked.sort((x, y) => x.sum - y.sum || byIds(ids(x), ids(y))), incomplete: incomplete.sort(byIds) };
}

/** A household's two plans: one for what it imports, one for what it exports. */
export interface PlanPair {
  importPlanId: string;
  exportPlanId: string;
}

/** A pair's cost: the import under its plan (VAT included), the export's credit under its plan, and the net. */
export interface PairCost extends PlanPair {
  importCost: number;
  exportCredit: number;
  /** importCost − exportCredit: what the household pays over the period (negative: it is paid). */
  net: number;
}

/** Whether an export plan may be held with an import plan: only with those it names in `requiresImport`, if any. */
export const pairAllowed = (exportPlan: Pick<PricePlan, 'requiresImport'>, importPlanId: string): boolean =>
  exportPlan.requiresImport === undefined || exportPlan.requiresImport.includes(importPlanId);

/**
 * Every allowed import × export pair, cheapest net first (ties by import, then export plan id). An export meter's
 * costs are its credits as negative costs. A pair with energy its plans could not price on either side is named apart.
 */
export function rankPairs(importCosts: readonly PricedPlanCost[], exportCosts: readonly PricedPlanCost[], exportPlans: readonly PricePlan[]): { pairs: PairCost[]; incomplete: PlanPair[] } {
  const allowed = (importPlanId: string, exportPlanId: string) => {
    const plan = exportPlans.find((p) => p.pricePlanId === exportPlanId);
    return plan !== undefined && pairAllowed(plan, importPlanId);
  };
  const { ranked, incomplete } = rankCombinations(importCosts, exportCosts, allowed);
  return {
    pairs: ranked.map(({ first, second, sum }) => ({ importPlanId: first.pricePlanId, exportPlanId: second.pricePlanId, importCost: first.cost, exportCredit: roundMoney(-second.cost), net: sum })),
    incomplete: incomplete.map(({ first, second }) => ({ importPlanId: first, exportPlanId: second })),
  };
}

/** A dual-fuel household's two plans, and what they cost together. */
export interface DualFuelCost {
  electricityPlanId: string;
  gasPlanId: string;
  electricityCost: number;
  gasCost: number;
  total: number;
}

/** Whether two plans may be held together: each is sold only with the partners it names in `requiresPartner`, if any. */
export const partnersAllowed = (a: Pick<PricePlan, 'requiresPartner'> | undefined, aId: string, b: Pick<PricePlan, 'requiresPartner'> | undefined, bId: string): boolean =>
  (a?.requiresPartner === undefined || a.requiresPartner.includes(bId)) && (b?.requiresPartner === undefined || b.requiresPartner.includes(aId));

/** Every allowed (electricity plan, gas plan) pair, cheapest total first; unpriced or unconverted energy: apart. */
export function rankDualFuel(electricityCosts: readonly PricedPlanCost[], gasCosts: readonly PricedPlanCost[], plans: readonly PricePlan[]) {
  const planOf = (id: string) => plans.find((p) => p.pricePlanId === id);
  const { ranked, incomplete } = rankCombinations(electricityCosts, gasCosts, (e, g) => partnersAllowed(planOf(e), e, planOf(g), g));
  return {
    pairs: ranked.map(({ first, second, sum }): DualFuelCost => ({ electricityPlanId: first.pricePlanId, gasPlanId: second.pricePlanId, electricityCost: first.cost, gasCost: second.cost, total: sum })),
    incomplete: incomplete.map(({ first, second }) => ({ electricityPlanId: first, gasPlanId: second })),
  };
}

/** Advice on a household's pair: the cheapest pair, which of the two plans change, and what it saves. */
export interface PairAdvice extends PlanPair {
  /** The plans that change: `import`, `export` or both. */
  changes: ('import' | 'export')[];
  saving: number;
  /** Scaled to a year from four weeks of data on; null before. */
  savingPerYear: number | null;
}

/** The cheapest pair when it beats the current pair by a penny or more over a span of `days`; null otherwise. */
export function pairAdvice(current: Partial<PlanPair>, pairs: readonly PairCost[], days: number): PairAdvice | null {
  const now = pairs.find((p) => p.importPlanId === current.importPlanId && p.exportPlanId === current.exportPlanId);
  const best = pairs[0];
  if (!now || !best || now.net - best.net < MIN_SAVING) return null;
  const changes = [...(best.importPlanId !== now.importPlanId ? ['import' as const] : []), ...(best.exportPlanId !== now.exportPlanId ? ['export' as const] : [])];
  const saving = roundMoney(now.net - best.net);
  return { importPlanId: best.importPlanId, exportPlanId: best.exportPlanId, changes, saving, savingPerYear: days >= MIN_DAYS_FOR_YEARLY_SAVING ? perYear(saving, days) : null };
}
