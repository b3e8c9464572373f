import { planAt, type Account } from '../domain/accounts.js';
import { rankPairs, type PairCost, type PlanPair } from '../domain/plan-pairs.js';
import { plansOf } from '../domain/price-plans.js';
import { closeRange, type Span, type TimeRange } from '../domain/time.js';
import { ConflictError, MeterNotFoundError } from '../errors.js';
import type { AccountsStore } from '../ports/accounts-store.js';
import type { PricePlansReader } from '../ports/price-plans-store.js';
import { meterBounds, openEnergyView, type MeterEnergyDeps } from './meter-energy.js';
import { planCosts } from './plan-costs.js';

export type PairDeps = MeterEnergyDeps & { pricePlans: PricePlansReader; accounts: Pick<AccountsStore, 'find'> };

/** A household's export meter, for an answer about its import meter: 409 when it has none (or is one itself). */
export async function exportMeterOf(deps: Pick<PairDeps, 'accounts'>, account: Account): Promise<Account> {
  if (account.direction === 'export') throw new ConflictError(`meter ${account.smartMeterId} is an export meter: ask about its household through its import meter ${account.importMeterId}`);
  if (account.exportMeterId === undefined) throw new ConflictError(`meter ${account.smartMeterId} has no export meter: pairs need one (onboard it with "direction": "export" and "importMeterId")`);
  const exported = await deps.accounts.find(account.exportMeterId);
  if (!exported) throw new MeterNotFoundError(account.exportMeterId);
  return exported;
}

export interface PairComparison {
  currency: string;
  current: { importPlanId: string | null; exportPlanId: string | null };
  pairs: PairCost[];
  incomplete: PlanPair[];
  /** The lower of the two meters' coverages of the span. */
  coverage: number;
  span: Span;
}

/**
 * Every allowed (import plan, export plan) pair for a household over a range (open ends: the first and last data of
 * either meter): each meter costed once under each plan of its direction, at the prices of each instant, VAT on the
 * import only; then the pairs ranked by net.
 */
export async function comparePairs(deps: PairDeps, account: Account, range: TimeRange): Promise<PairComparison> {
  const exported = await exportMeterOf(deps, account);
  const [importBounds, exportBounds] = await Promise.all([meterBounds(deps, account), meterBounds(deps, exported)]);
  const held = [importBounds, exportBounds].filter((b): b is Span => b !== undefined);
  const data = held.length > 0 ? { from: Math.min(...held.map((b) => b.from)), to: Math.max(...held.map((b) => b.to)) } : { from: 0, to: 0 };
  const span = closeRange(range, data);
  const [importView, exportView] = await Promise.all([openEnergyView(deps, account, span, importBounds), openEnergyView(deps, exported, span, exportBounds)]);
  const [imports, exports, [importCoverage], [exportCoverage], catalogue] = await Promise.all([
    planCosts(deps.pricePlans, importView, span, account),
    planCosts(deps.pricePlans, exportView, span, exported),
    importView.coverage([span]),
    exportView.coverage([span]),
    deps.pricePlans.catalogue(),
  ]);
  const now = deps.now();
  return {
    currency: imports.currency,
    current: { importPlanId: planAt(account, now) ?? null, exportPlanId: planAt(exported, now) ?? null },
    ...rankPairs(imports.costs, exports.costs, plansOf(catalogue, 'export')),
    coverage: Math.min(importCoverage!, exportCoverage!),
    span,
  };
}
