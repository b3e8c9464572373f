import { planAt, type Account } from '../domain/accounts.js';
import { rankDualFuel, rankPairs, type DualFuelCost, type PairCost, type PlanPair } from '../domain/plan-pairs.js';
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
 * Two meters of a household costed over one range (open ends: the first and last data of either meter), each once under
 * every plan of its own market, at the prices of each instant; and the lower of their coverages.
 */
async function costBoth(deps: PairDeps, first: Account, second: Account, range: TimeRange) {
  const [firstBounds, secondBounds] = await Promise.all([meterBounds(deps, first), meterBounds(deps, second)]);
  const held = [firstBounds, secondBounds].filter((b): b is Span => b !== undefined);
  const data = held.length > 0 ? { from: Math.min(...held.map((b) => b.from)), to: Math.max(...held.map((b) => b.to)) } : { from: 0, to: 0 };
  const span = closeRange(range, data);
  const [firstView, secondView] = await Promise.all([openEnergyView(deps, first, span, firstBounds), openEnergyView(deps, second, span, secondBounds)]);
  const [firstCosts, secondCosts, [firstCoverage], [secondCoverage], catalogue] = await Promise.all([
    planCosts(deps.pricePlans, firstView, span, first),
    planCosts(deps.pricePlans, secondView, span, second),
    firstView.coverage([span]),
    secondView.coverage([span]),
    deps.pricePlans.catalogue(),
  ]);
  return { span, catalogue, first: firstCosts.costs, second: secondCosts.costs, currency: firstCosts.currency, coverage: Math.min(firstCoverage!, secondCoverage!) };
}

/**
 * Every allowed (import plan, export plan) pair for a household over a range, ranked by net: the import costed with
 * VAT, the export's credit without (export-meters, api.md).
 */
export async function comparePairs(deps: PairDeps, account: Account, range: TimeRange): Promise<PairComparison> {
  const exported = await exportMeterOf(deps, account);
  const both = await costBoth(deps, account, exported, range);
  const now = deps.now();
  return {
    currency: both.currency,
    current: { importPlanId: planAt(account, now) ?? null, exportPlanId: planAt(exported, now) ?? null },
    ...rankPairs(both.first, both.second, plansOf(both.catalogue, 'export')),
    coverage: both.coverage,
    span: both.span,
  };
}

/** A dual-fuel household's gas meter, for an answer about its electricity meter: 409 when it has none. */
async function gasMeterOf(deps: Pick<PairDeps, 'accounts'>, account: Account): Promise<Account> {
  if (account.fuel !== 'electricity' || account.direction !== 'import') throw new ConflictError(`meter ${account.smartMeterId} is not an electricity import meter: ask about a dual-fuel household through its electricity meter`);
  if (account.gasMeterId === undefined) throw new ConflictError(`meter ${account.smartMeterId} has no gas meter: dual fuel needs one (onboard it with "fuel": "gas" and "electricityMeterId")`);
  const gas = await deps.accounts.find(account.gasMeterId);
  if (!gas) throw new MeterNotFoundError(account.gasMeterId);
  return gas;
}

export interface DualFuelComparison {
  currency: string;
  current: { electricityPlanId: string | null; gasPlanId: string | null };
  pairs: DualFuelCost[];
  incomplete: { electricityPlanId: string; gasPlanId: string }[];
  coverage: number;
}

/** Every allowed (electricity plan, gas plan) pair for a dual-fuel household over a range, cheapest total first. */
export async function compareDual(deps: PairDeps, account: Account, range: TimeRange): Promise<DualFuelComparison> {
  const gas = await gasMeterOf(deps, account);
  const both = await costBoth(deps, account, gas, range);
  const now = deps.now();
  return {
    currency: both.currency,
    current: { electricityPlanId: planAt(account, now) ?? null, gasPlanId: planAt(gas, now) ?? null },
    ...rankDualFuel(both.first, both.second, both.catalogue.pricePlans),
    coverage: both.coverage,
  };
}
