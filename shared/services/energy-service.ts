import type { Account } from '../domain/accounts.js';
import { comparePlans, recommend, type PlanCost } from '../domain/costing.js';
import { DEFAULT_MAX_GAP_SECONDS, energyKwh } from '../domain/energy.js';
import type { PricePlan } from '../domain/price-plans.js';
import type { Reading, ReadingsBatch } from '../domain/readings.js';
import { MeterNotFoundError } from '../errors.js';
import type { AccountsStore } from '../storage/accounts-store.js';
import type { ReadingsStore } from '../storage/readings-store.js';

export interface EnergyServiceDeps {
  readings: ReadingsStore;
  accounts: AccountsStore;
  pricePlans: readonly PricePlan[];
  maxGapSeconds?: number;
}

export interface PlanComparison {
  pricePlanId: string;
  costs: PlanCost[];
}

/** The product's use cases over any store: what the handlers call. */
export class EnergyService {
  constructor(private readonly deps: EnergyServiceDeps) {}

  /** Readings for a meter without an account are refused, not kept. */
  async storeReadings(batch: ReadingsBatch): Promise<void> {
    await this.accountOf(batch.smartMeterId);
    await this.deps.readings.save(batch.smartMeterId, batch.electricityReadings);
  }

  async readReadings(smartMeterId: string): Promise<Reading[]> {
    await this.accountOf(smartMeterId);
    return this.deps.readings.list(smartMeterId);
  }

  async compareAll(smartMeterId: string): Promise<PlanComparison> {
    const [account, readings] = await Promise.all([this.accountOf(smartMeterId), this.deps.readings.list(smartMeterId)]);
    const kWh = energyKwh(readings, this.deps.maxGapSeconds ?? DEFAULT_MAX_GAP_SECONDS);
    return { pricePlanId: account.pricePlanId, costs: comparePlans(this.deps.pricePlans, kWh) };
  }

  async recommend(smartMeterId: string, limit?: number): Promise<PlanCost[]> {
    const { costs } = await this.compareAll(smartMeterId);
    return recommend(costs, limit);
  }

  private async accountOf(smartMeterId: string): Promise<Account> {
    const account = await this.deps.accounts.find(smartMeterId);
    if (!account) throw new MeterNotFoundError(smartMeterId);
    return account;
  }
}
