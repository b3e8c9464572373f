import { householdLinkOf, type Account, type PlanPeriodStart } from '../../shared/domain/accounts.js';
import { ConflictError, MeterNotFoundError } from '../../shared/errors.js';
import { normaliseReadings, type Reading } from '../../shared/domain/readings.js';
import type { Span, TimeRange } from '../../shared/domain/time.js';
import type { AccountsPage, AccountsStore, MeterKeyLookup, PlanSwitch } from '../../shared/ports/accounts-store.js';
import type { DaySummary } from '../../shared/domain/energy-summaries.js';
import type { DaySlots, DayState, SummariesStore } from '../../shared/ports/summaries-store.js';
import type { ReadingsPage, ReadingsStore } from '../../shared/ports/readings-store.js';
import type { Catalogue, PricePlan } from '../../shared/domain/price-plans.js';
import type { DayPrices } from '../../shared/domain/published-prices.js';
import { dayOf, HALF_HOURS_PER_DAY } from '../../shared/domain/time.js';
import { pricesSeries, type PricePlansStore, type Revised } from '../../shared/ports/price-plans-store.js';

/** The readings port held in memory: for service tests that need no Java. Counts the calls that load readings. */
export class InMemoryReadingsStore implements ReadingsStore {
  private readonly byMeter = new Map<string, Map<number, number>>();
  readonly loads = { list: 0, listPage: 0, bounds: 0 };

  async save(smartMeterId: string, readings: readonly Reading[]): Promise<void> {
    let meter = this.byMeter.get(smartMeterId);
    if (!meter) this.byMeter.set(smartMeterId, (meter = new Map()));
    for (const r of readings) meter.set(r.time, r.reading);
  }

  seed(smartMeterId: string, readings: readonly Reading[]): Promise<void> {
    return this.save(smartMeterId, readings);
  }

  async list(smartMeterId: string, range: TimeRange = {}): Promise<Reading[]> {
    this.loads.list++;
    return this.inRange(smartMeterId, range);
  }

  async listPage(smartMeterId: string, range: TimeRange, limit: number): Promise<ReadingsPage> {
    this.loads.listPage++;
    const readings = this.inRange(smartMeterId, range);
    return readings.length > limit ? { readings: readings.slice(0, limit), next: readings[limit]!.time } : { readings };
  }

  async deleteRange(smartMeterId: string, span: Span): Promise<{ deleted: number; complete: boolean }> {
    const meter = this.byMeter.get(smartMeterId) ?? new Map<number, number>();
    let deleted = 0;
    for (const time of [...meter.keys()]) if (time >= span.from && time < span.to && meter.delete(time)) deleted++;
    return { deleted, complete: true };
  }

  async bounds(smartMeterId: string): Promise<Span | undefined> {
    this.loads.bounds++;
    const readings = this.inRange(smartMeterId, {});
    return readings.length ? { from: readings[0]!.time, to: readings.at(-1)!.time } : undefined;
  }

  async lastReadingAt(smartMeterId: string): Promise<number | undefined> {
    return (await this.bounds(smartMeterId))?.to;
  }

  private inRange(smartMeterId: string, { from = 0, to = Number.MAX_SAFE_INTEGER }: TimeRange): Reading[] {
    const all = [...(this.byMeter.get(smartMeterId) ?? new Map<number, number>())].map(([time, reading]) => ({ time, reading }));
    return normaliseReadings(all.filter((r) => r.time >= from && r.time < to));
  }
}

export class InMemoryAccountsStore implements AccountsStore, MeterKeyLookup {
  private readonly accounts = new Map<string, Account>();
  private readonly keys = new Map<string, string>();

  constructor(accounts: readonly Account[] = []) {
    for (const account of accounts) this.accounts.set(account.smartMeterId, { ...account });
  }

  async find(smartMeterId: string): Promise<Account | undefined> {
    const account = this.accounts.get(smartMeterId);
    return account && { ...account };
  }

  async save(account: Account): Promise<void> {
    this.accounts.set(account.smartMeterId, { ...account });
  }

  async createIfAbsent(account: Account): Promise<boolean> {
    if (this.accounts.has(account.smartMeterId)) return false;
    this.accounts.set(account.smartMeterId, { ...account });
    return true;
  }

  async list(): Promise<Account[]> {
    return [...this.accounts.values()].map((a) => ({ ...a }));
  }

  async ownedBy(customerId: string, limit: number, after?: string): Promise<AccountsPage> {
    return pageOf((await this.list()).filter((a) => a.customerId === customerId), limit, after);
  }

  async page(limit: number, after?: string): Promise<AccountsPage> {
    return pageOf(await this.list(), limit, after);
  }

  async create(account: Account, keyHash: string): Promise<void> {
    if (this.accounts.has(account.smartMeterId)) throw new ConflictError(`smart meter '${account.smartMeterId}' already has an account`);
    const linked = householdLinkOf(account);
    if (linked) {
      const household = this.accounts.get(linked.partnerId);
      if (!household || household.direction !== 'import' || household.fuel !== 'electricity' || household[linked.link.partner] !== undefined || household.customerId !== account.customerId) {
        throw new ConflictError(`meter '${linked.partnerId}' is no longer an electricity import meter of the same customer without ${linked.link.meter}`);
      }
      this.accounts.set(household.smartMeterId, { ...household, [linked.link.partner]: account.smartMeterId });
    }
    this.accounts.set(account.smartMeterId, { ...account });
    this.keys.set(keyHash, account.smartMeterId);
  }

  async replaceKey(smartMeterId: string, keyHash: string): Promise<void> {
    if (!this.accounts.has(smartMeterId)) throw new MeterNotFoundError(smartMeterId);
    for (const [hash, meter] of this.keys) if (meter === smartMeterId) this.keys.delete(hash);
    this.keys.set(keyHash, smartMeterId);
  }

  async appendPlan(smartMeterId: string, entry: PlanPeriodStart, expectedLength: number): Promise<boolean> {
    const account = this.accounts.get(smartMeterId);
    if (!account || account.planHistory.length !== expectedLength) return false;
    this.accounts.set(smartMeterId, { ...account, pricePlanId: entry.pricePlanId, planHistory: [...account.planHistory, entry] });
    return true;
  }

  async appendPlans(switches: readonly PlanSwitch[]): Promise<boolean> {
    if (!switches.every((s) => this.accounts.get(s.smartMeterId)?.planHistory.length === s.expectedLength)) return false;
    for (const s of switches) await this.appendPlan(s.smartMeterId, s.entry, s.expectedLength);
    return true;
  }

  async meterOfKey(keyHash: string): Promise<string | undefined> {
    return this.keys.get(keyHash);
  }

  /** No personal keys here: the in-memory accounts serve meters' keys only. */
  async personalKeyOf(): Promise<undefined> {
    return undefined;
  }
}

/** The summaries port in memory, with the same conditions as the DynamoDB adapter; counts what it serves. */
export class InMemorySummariesStore implements SummariesStore {
  readonly states = new Map<string, DayState>();
  readonly slots = new Map<string, DaySlots>();
  readonly counts = { saved: 0, refused: 0, marks: 0 };
  /** Runs before a summary is checked and stored: lets a test interleave a late write there. */
  beforeSave?: () => Promise<void>;

  async dayStates(smartMeterId: string, fromDay: number, toDay: number): Promise<Map<number, DayState>> {
    const result = new Map<number, DayState>();
    for (const [key, state] of this.states) {
      if (key.startsWith(`${smartMeterId}#`) && state.day >= fromDay && state.day <= toDay) result.set(state.day, { ...state });
    }
    return result;
  }

  async daySlots(smartMeterId: string, days: readonly number[]): Promise<Map<number, DaySlots>> {
    const result = new Map<number, DaySlots>();
    for (const day of days) {
      const found = this.slots.get(this.keyOf(smartMeterId, day));
      if (found) result.set(day, { tag: found.tag, slots: [...found.slots], covered: [...found.covered] });
    }
    return result;
  }

  async saveSummary(smartMeterId: string, summary: DaySummary, version: number, tag: string, now: number): Promise<boolean> {
    await this.beforeSave?.();
    const key = this.keyOf(smartMeterId, summary.day);
    this.slots.set(key, { tag, slots: [...summary.slots!], covered: [...summary.covered!] });
    const state = this.states.get(key) ?? { day: summary.day, version: 0 };
    if (state.version !== version || (state.leaseUntil !== undefined && state.leaseUntil >= now)) {
      this.counts.refused++;
      return false;
    }
    this.states.set(key, { ...state, tag, kWh: summary.kWh, halfHoursCovered: summary.halfHoursCovered });
    this.counts.saved++;
    return true;
  }

  async markDays(smartMeterId: string, days: readonly number[], leaseUntil?: number): Promise<void> {
    for (const day of days) {
      const key = this.keyOf(smartMeterId, day);
      const state = this.states.get(key) ?? { day, version: 0 };
      this.states.set(key, { ...state, version: state.version + 1, ...(leaseUntil !== undefined && { leaseUntil }) });
      this.counts.marks++;
    }
  }

  private keyOf(smartMeterId: string, day: number): string {
    return `${smartMeterId}#${day}`;
  }
}

/** A page of accounts by meter id after the one named by `after` (here simply the last meter id of the page before). */
function pageOf(accounts: Account[], limit: number, after?: string): AccountsPage {
  const sorted = accounts.sort((a, b) => a.smartMeterId.localeCompare(b.smartMeterId)).filter((a) => after === undefined || a.smartMeterId > after);
  const page = sorted.slice(0, limit);
  return { accounts: page, next: sorted.length > limit ? page.at(-1)!.smartMeterId : undefined };
}

/**
 * A catalogue and published prices in memory, with the same revision rules as the DynamoDB adapter: for use cases
 * tested without Java. `prices` maps a plan id to half-hour start → rate.
 */
export class InMemoryPricePlansStore implements PricePlansStore {
  private plans = new Map<string, Revised<PricePlan>>();
  private days = new Map<string, Map<number, Revised<DayPrices>>>();
  private settings: { currency: string; vatRate: number } | undefined;

  constructor(catalogue?: Catalogue, prices: Record<string, ReadonlyMap<number, number>> = {}) {
    if (catalogue) void this.seed(catalogue);
    for (const [pricePlanId, rates] of Object.entries(prices)) {
      const days = new Map<number, Revised<DayPrices>>();
      for (const [from, rate] of rates) {
        const day = dayOf(from);
        const slots = [...(days.get(day)?.value ?? new Array<null>(HALF_HOURS_PER_DAY).fill(null))];
        slots[(from - day) / 1800] = rate;
        days.set(day, { value: slots, revision: 1 });
      }
      this.days.set(pricesSeries(pricePlanId), days);
    }
  }

  async catalogue(): Promise<Catalogue> {
    return { currency: this.settings?.currency ?? 'GBP', vatRate: this.settings?.vatRate ?? 0, pricePlans: [...this.plans.values()].map((p) => p.value).sort((a, b) => a.pricePlanId.localeCompare(b.pricePlanId)) };
  }

  async halfHourDays(pricePlanId: string, firstDay: number, lastDay: number): Promise<Map<number, DayPrices>> {
    return new Map([...(this.days.get(pricePlanId) ?? [])].filter(([day]) => day >= firstDay && day <= lastDay).map(([day, { value }]) => [day, value]));
  }

  async plan(pricePlanId: string) {
    return this.plans.get(pricePlanId);
  }

  async savePlan(plan: PricePlan, revision: number | undefined): Promise<void> {
    if (this.plans.get(plan.pricePlanId)?.revision !== revision) throw new ConflictError(`price plan '${plan.pricePlanId}' was changed meanwhile`);
    this.plans.set(plan.pricePlanId, { value: structuredClone(plan), revision: (revision ?? 0) + 1 });
  }

  async halfHourDaysForUpdate(pricePlanId: string, days: readonly number[]) {
    const stored = this.days.get(pricePlanId) ?? new Map<number, Revised<DayPrices>>();
    return new Map(days.filter((day) => stored.has(day)).map((day) => [day, stored.get(day)!] as const));
  }

  async saveHalfHourDays(pricePlanId: string, days: readonly { day: number; prices: DayPrices; revision: number | undefined }[]): Promise<void> {
    const stored = this.days.get(pricePlanId) ?? new Map<number, Revised<DayPrices>>();
    if (days.some(({ day, revision }) => stored.get(day)?.revision !== revision)) throw new ConflictError('prices were published meanwhile');
    for (const { day, prices, revision } of days) stored.set(day, { value: [...prices], revision: (revision ?? 0) + 1 });
    this.days.set(pricePlanId, stored);
  }

  async seed(catalogue: Catalogue): Promise<boolean> {
    if (this.settings) return false;
    for (const plan of catalogue.pricePlans) this.plans.set(plan.pricePlanId, { value: structuredClone(plan), revision: 1 });
    this.settings = { currency: catalogue.currency, vatRate: catalogue.vatRate };
    return true;
  }
}
