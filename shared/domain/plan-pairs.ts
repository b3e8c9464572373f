import { isComplete, type PricedPlanCost } from './costing.js';
import { roundMoney, type PricePlan } from './price-plans.js';
import { MIN_DAYS_FOR_YEARLY_SAVING, MIN_SAVING, perYear } from './savings.js';

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
 * Every allowed pair from one costing per plan (n + m costings, not n × m), cheapest net first (ties by import, then
 * export plan id, so the order is stable). An export meter's costs are its credits as negative costs. A pair with
 * energy its plans could not price on either side is named apart, never ranked on a guess.
 */
export function rankPairs(importCosts: readonly PricedPlanCost[], exportCosts: readonly PricedPlanCost[], exportPlans: readonly PricePlan[]): { pairs: PairCost[]; incomplete: PlanPair[] } {
  const pairs: PairCost[] = [];
  const incomplete: PlanPair[] = [];
  for (const exported of exportCosts) {
    const plan = exportPlans.find((p) => p.pricePlanId === exported.pricePlanId);
    for (const imported of importCosts) {
      if (!plan || !pairAllowed(plan, imported.pricePlanId)) continue;
      const pair = { importPlanId: imported.pricePlanId, exportPlanId: exported.pricePlanId };
      if (!isComplete(imported) || !isComplete(exported)) incomplete.push(pair);
      else pairs.push({ ...pair, importCost: imported.cost, exportCredit: roundMoney(-exported.cost), net: roundMoney(imported.cost + exported.cost) });
    }
  }
  const byIds = (a: PlanPair, b: PlanPair) => a.importPlanId.localeCompare(b.importPlanId) || a.exportPlanId.localeCompare(b.exportPlanId);
  return { pairs: pairs.sort((a, b) => a.net - b.net || byIds(a, b)), incomplete: incomplete.sort(byIds) };
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
