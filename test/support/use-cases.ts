import { storeReadings } from '../../functions/store-readings/use-case.js';
import { savingsReport } from '../../functions/savings/use-case.js';
import { usageCost } from '../../functions/usage-cost/use-case.js';
import { usageReport } from '../../functions/usage/use-case.js';
import { listAccounts } from '../../functions/list-accounts/use-case.js';
import type { Account } from '../../shared/domain/accounts.js';
import type { Granularity } from '../../shared/domain/calendar.js';
import { cheapestPlans } from '../../shared/domain/costing.js';
import { DEFAULT_MAX_GAP_SECONDS } from '../../shared/domain/energy.js';
import type { ReadingsBatch } from '../../shared/domain/readings.js';
import type { Span, TimeRange } from '../../shared/domain/time.js';
import { MeterNotFoundError } from '../../shared/errors.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import type { ReadingsStore } from '../../shared/ports/readings-store.js';
import type { SummariesStore } from '../../shared/ports/summaries-store.js';
import type { EnergyViewDeps } from '../../shared/services/energy-view.js';
import { comparePlans } from '../../shared/services/plan-costs.js';
import { FIXED_NOW } from './clock.js';

export interface UseCaseDeps {
  readings: ReadingsStore;
  accounts: AccountsStore;
  pricePlans: PricePlansReader;
  summaries?: SummariesStore;
  maxGapSeconds?: number;
  now?: () => number;
  onSummaryWork?: EnergyViewDeps['onSummaryWork'];
}

/**
 * The routes' use cases over any stores, by meter id, as the pipeline calls them (the account read first, 404 when
 * there is none): for tests of the rules that need no HTTP and no Java.
 */
export class UseCases {
  readonly deps: Required<Omit<UseCaseDeps, 'summaries' | 'onSummaryWork'>> & Pick<UseCaseDeps, 'summaries' | 'onSummaryWork'>;

  constructor(deps: UseCaseDeps) {
    this.deps = { ...deps, maxGapSeconds: deps.maxGapSeconds ?? DEFAULT_MAX_GAP_SECONDS, now: deps.now ?? (() => FIXED_NOW) };
  }

  private async accountOf(smartMeterId: string): Promise<Account> {
    const account = await this.deps.accounts.find(smartMeterId);
    if (!account) throw new MeterNotFoundError(smartMeterId);
    return account;
  }

  async storeReadings(batch: ReadingsBatch): Promise<void> {
    await this.accountOf(batch.smartMeterId);
    await storeReadings(this.deps, batch);
  }

  async compareAll(smartMeterId: string, range: TimeRange = {}) {
    return comparePlans(this.deps, await this.accountOf(smartMeterId), range);
  }

  async recommend(smartMeterId: string, range: TimeRange = {}, limit?: number) {
    return cheapestPlans((await this.compareAll(smartMeterId, range)).costs, limit);
  }

  async usage(smartMeterId: string, range: TimeRange, groupBy: Granularity, timeZone: string) {
    return usageReport(this.deps, await this.accountOf(smartMeterId), range, groupBy, timeZone);
  }

  async usageCost(smartMeterId: string, span: Span) {
    return usageCost(this.deps, await this.accountOf(smartMeterId), span);
  }

  async savings(smartMeterId: string) {
    return savingsReport(this.deps, await this.accountOf(smartMeterId));
  }

  async listAccounts(caller: Parameters<typeof listAccounts>[1]) {
    return (await listAccounts(this.deps, caller, { limit: 100 })).accounts;
  }
}
