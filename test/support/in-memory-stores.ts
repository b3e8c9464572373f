import type { Account, PlanPeriodStart } from '../../shared/domain/accounts.js';
import { ConflictError, MeterNotFoundError } from '../../shared/errors.js';
import { normaliseReadings, type Reading } from '../../shared/domain/readings.js';
import type { Span, TimeRange } from '../../shared/domain/time.js';
import type { AccountsStore, MeterKeyLookup } from '../../shared/ports/accounts-store.js';
import type { ReadingsPage, ReadingsStore } from '../../shared/ports/readings-store.js';

/** The readings port held in memory: for service tests that need no Java. Counts the calls that load readings. */
export class InMemoryReadingsStore implements ReadingsStore {
  private readonly byMeter = new Map<string, Map<number, number>>();
  readonly loads = { list: 0, listPage: 0, bounds: 0 };

  async save(smartMeterId: string, readings: readonly Reading[]): Promise<void> {
    let meter = this.byMeter.get(smartMeterId);
    if (!meter) this.byMeter.set(smartMeterId, (meter = new Map()));
    for (const r of readings) meter.set(r.time, r.reading);
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

  async list(): Promise<Account[]> {
    return [...this.accounts.values()].map((a) => ({ ...a }));
  }

  async create(account: Account, keyHash: string): Promise<void> {
    if (this.accounts.has(account.smartMeterId)) throw new ConflictError(`smart meter '${account.smartMeterId}' already has an account`);
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

  async meterOfKey(keyHash: string): Promise<string | undefined> {
    return this.keys.get(keyHash);
  }
}
