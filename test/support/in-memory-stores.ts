import type { Account } from '../../shared/domain/accounts.js';
import { normaliseReadings, type Reading } from '../../shared/domain/readings.js';
import type { Span, TimeRange } from '../../shared/domain/time.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
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

export class InMemoryAccountsStore implements AccountsStore {
  private readonly accounts = new Map<string, Account>();

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
}
