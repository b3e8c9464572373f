import { beforeAll, describe, expect, it } from 'vitest';
import { deleteReadings } from '../../functions/delete-readings/use-case.js';
import { route as deleteRoute } from '../../functions/delete-readings/route.js';
import { storeReadings } from '../../functions/store-readings/use-case.js';
import { route as storeRoute } from '../../functions/store-readings/route.js';
import { GRANTS } from '../../infra/joi-energy-stack.js';
import { usageReport } from '../../functions/usage/use-case.js';
import { newAccount } from '../../shared/domain/accounts.js';
import { LATE_WRITE_LEASE_SECONDS, LEASE_REUSE_MARGIN_SECONDS, summarizeDay } from '../../shared/domain/energy-summaries.js';
import type { Reading } from '../../shared/domain/readings.js';
import type { ReadingsStore } from '../../shared/ports/readings-store.js';
import { summaryTag, type SummariesStore } from '../../shared/ports/summaries-store.js';
import type { EnergyViewDeps } from '../../shared/services/energy-view.js';
import { comparePlans } from '../../shared/services/plan-costs.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbSummariesStore } from '../../shared/storage/dynamodb/dynamodb-summaries-store.js';
import { ECONOMY_7, plansStore } from '../support/plans.js';
import { freshTables, readingsStore } from '../support/tables.js';

/**
 * The late-write protocol against DynamoDB Local, with the real adapters and their conditional writes: a late write
 * bumps its days' version with a lease before writing and again after, and readers trust a summary only at the
 * current version (day totals and half-hour slots alike). Writers and readers are paused at the moments that matter
 * by wrapping the stores they are given (no hook in deployed code). Each test names the part of the protocol it
 * would catch missing.
 */
const GAP = 3600;
const DAY_SECONDS = 86_400;
const D = Date.parse('2024-03-06T00:00:00Z') / 1000;
/** Three days around D at 1 kW, a reading a minute. */
const seed: Reading[] = Array.from({ length: 3 * 24 * 60 }, (_, i) => ({ time: D - DAY_SECONDS + i * 60, reading: 1 }));
/** A late correction of D's noon hour: 5 kW. */
const correction: Reading[] = Array.from({ length: 60 }, (_, i) => ({ time: D + 12 * 3600 + i * 60, reading: 5 }));

/** The store with some of its methods replaced; the others are the store's own. */
function wrap<T extends object>(store: T, overrides: Partial<T>): T {
  return new Proxy(store, {
    get: (target, key) => {
      if (key in overrides) return overrides[key as keyof T];
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function gate(): { open: () => void; wait: Promise<void> } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { open, wait };
}

describe('late writes against stored summaries (DynamoDB Local, real conditional writes)', () => {
  let readings: ReadingsStore;
  let summaries: SummariesStore;
  let summariesTable: string;
  let clock: number;
  const now = () => clock;
  const readerOf = (store: ReadingsStore = readings): EnergyViewDeps => ({ readings: store, summaries, maxGapSeconds: GAP, now });
  const rawReader: () => EnergyViewDeps = () => ({ readings, maxGapSeconds: GAP, now }); // no summaries: the truth
  const dayEnergy = async (deps: EnergyViewDeps, meter: string) => (await usageReport(deps, { smartMeterId: meter, kind: 'power' }, { from: D, to: D + DAY_SECONDS }, 'day', 'UTC')).periods[0]!.kWh;
  const writer = (store: ReadingsStore = readings) => ({ readings: store, summaries, maxGapSeconds: GAP, now });

  beforeAll(async () => {
    const tables = await freshTables();
    summariesTable = tables.summaries;
    readings = readingsStore(tables);
    summaries = new DynamoDbSummariesStore(createDocumentClient(), tables.summaries);
  });

  it('a write that dies between its marks leaves no summary that hides what it stored (first mark, lease)', async () => {
    const meter = 'crashed-write';
    clock = D + 3 * DAY_SECONDS;
    await readings.save(meter, seed);
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(24, 9); // summarizes D at version 0
    // The writer marks D, then stops until a reader has run, writes its hour, and dies before its second mark.
    const writing = gate();
    const resume = gate();
    const dying = wrap(readings, { save: async (id, batch) => { writing.open(); await resume.wait; await readings.save(id, batch); throw new Error('the function died'); } });
    const write = storeReadings(writer(dying), { smartMeterId: meter, electricityReadings: correction });
    await writing.wait;
    // A reader during the write: the day is marked, so it reads the readings (the correction not yet there) and may
    // not store a summary of them: the lease refuses it.
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(24, 9);
    resume.open();
    await expect(write).rejects.toThrow('the function died');
    // The stored correction shows at once, though nothing was acknowledged: no summary made before it is trusted.
    const truth = await dayEnergy(rawReader(), meter);
    expect(truth).toBeGreaterThan(24.5);
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(truth, 9);
    // Once the lease is over, the day is summarized again, from what is stored.
    clock += LATE_WRITE_LEASE_SECONDS + 1;
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(truth, 9);
    expect((await summaries.dayStates(meter, D, D)).get(D)?.kWh).toBeCloseTo(truth, 9);
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(truth, 9);
  });

  it('a summary made from readings read before a write ended never lands after it, even past its lease (second mark)', async () => {
    const meter = 'slow-summarizer';
    clock = D + 3 * DAY_SECONDS;
    await readings.save(meter, seed);
    // The writer stops after its first mark, before writing, for longer than its lease (a write that outlives its
    // lease: only the second mark then protects the day).
    const writing = gate();
    const writeMayGo = gate();
    const waiting = wrap(readings, { save: async (id, batch) => { writing.open(); await writeMayGo.wait; await readings.save(id, batch); } });
    const write = storeReadings(writer(waiting), { smartMeterId: meter, electricityReadings: correction });
    await writing.wait;
    clock += LATE_WRITE_LEASE_SECONDS + 1;
    // A reader sees the lease passed, reads D's readings (without the correction) and then stalls before storing.
    const readingsRead = gate();
    const readerMayGo = gate();
    const stalling = wrap(readings, { list: async (...args) => { const found = await readings.list(...args); readingsRead.open(); await readerMayGo.wait; return found; } });
    const slowRead = dayEnergy(readerOf(stalling), meter);
    await readingsRead.wait;
    writeMayGo.open();
    await write; // acknowledged
    readerMayGo.open();
    expect(await slowRead).toBeCloseTo(24, 9); // its own answer was right for when it read
    const truth = await dayEnergy(rawReader(), meter);
    expect(truth).toBeGreaterThan(24.5);
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(truth, 9); // its summary did not land
  });

  it("a backfill's next batches write under the first one's lease without marking, and no summary lands before it passes (lease reuse)", async () => {
    const meter = 'backfill';
    clock = D + 3 * DAY_SECONDS;
    await readings.save(meter, seed);
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(24, 9); // D summarized at version 0
    const marks: number[][] = [];
    const counting = wrap(summaries, { markDays: async (id, days, leaseUntil) => { marks.push([...days]); await summaries.markDays(id, days, leaseUntil); } });
    const backfill = (batch: Reading[]) => storeReadings({ readings, summaries: counting, maxGapSeconds: GAP, now }, { smartMeterId: meter, electricityReadings: batch });
    await backfill(correction.slice(0, 15)); // marks D (and the days a maximum gap around noon: D only)
    expect(marks).toEqual([[D], [D]]);
    const version = (await summaries.dayStates(meter, D, D)).get(D)!.version;
    // A reader between two batches of the backfill reads D raw (its summary is a version behind) and does not even
    // try to store a summary (a refused conditional write is billed too).
    clock += 30;
    let saves = 0;
    const counted = wrap(summaries, { saveSummary: async (...args) => { saves++; return summaries.saveSummary(...args); } });
    const between = await dayEnergy({ readings, summaries: counted, maxGapSeconds: GAP, now }, meter);
    expect(between).toBeCloseTo(await dayEnergy(rawReader(), meter), 9);
    expect(saves).toBe(0);
    // The next batches find the lease and write without marking: the version does not move.
    for (let i = 15; i < 60; i += 15) {
      clock += 30;
      await backfill(correction.slice(i, i + 15));
    }
    expect(marks).toHaveLength(2);
    const state = (await summaries.dayStates(meter, D, D)).get(D)!;
    expect(state.version).toBe(version);
    expect(state.tag).toBe(summaryTag(0, GAP)); // no summary was stored under the lease
    // Every batch shows at once; once the lease has passed, D is summarized with all of them.
    const truth = await dayEnergy(rawReader(), meter);
    expect(truth).toBeCloseTo(24 + 4, 6);
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(truth, 9);
    clock = state.leaseUntil! + 1;
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(truth, 9);
    expect((await summaries.dayStates(meter, D, D)).get(D)).toMatchObject({ version, tag: summaryTag(version, GAP) });
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(truth, 9);
  });

  it('a write that could outlast the lease it finds marks again (reuse margin)', async () => {
    const meter = 'lease-ending';
    clock = D + 3 * DAY_SECONDS;
    await readings.save(meter, seed);
    await storeReadings(writer(), { smartMeterId: meter, electricityReadings: correction.slice(0, 30) });
    const lease = (await summaries.dayStates(meter, D, D)).get(D)!.leaseUntil!;
    // A batch starting with less than the margin left stalls before writing until the lease has passed; a reader
    // then reads D without it. The batch must have taken a lease of its own, or that reader's summary would land
    // at the current version and hide the batch for good.
    clock = lease - LEASE_REUSE_MARGIN_SECONDS + 1;
    const writing = gate();
    const writeMayGo = gate();
    const waiting = wrap(readings, { save: async (id, batch) => { writing.open(); await writeMayGo.wait; await readings.save(id, batch); } });
    const write = storeReadings(writer(waiting), { smartMeterId: meter, electricityReadings: correction.slice(30) });
    await writing.wait;
    clock = lease + 1;
    await dayEnergy(readerOf(), meter);
    writeMayGo.open();
    await write;
    const truth = await dayEnergy(rawReader(), meter);
    expect(truth).toBeCloseTo(24 + 4, 6);
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(truth, 9);
  });

  it('a write marks every day a reader may have summarized, even just after it settled (settle boundary)', async () => {
    const meter = 'just-settled';
    await readings.save(meter, seed);
    // Readers summarize a day once it ended a maximum gap and a margin ago: 15 minutes after that, D is summarized.
    clock = D + DAY_SECONDS + GAP + 900;
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(24, 9);
    const states = await summaries.dayStates(meter, D, D);
    expect(states.get(D)?.kWh).toBeCloseTo(24, 9);
    await storeReadings(writer(), { smartMeterId: meter, electricityReadings: correction });
    const truth = await dayEnergy(rawReader(), meter);
    expect(truth).toBeGreaterThan(24.5);
    expect(await dayEnergy(readerOf(), meter)).toBeCloseTo(truth, 9);
  });

  it("trusts a day's half hours only at the day's current version (slots tag)", async () => {
    const meter = 'time-of-use';
    clock = D + 3 * DAY_SECONDS;
    await readings.save(meter, seed);
    const account = newAccount(meter, ECONOMY_7.pricePlanId);
    const cost = async (deps: EnergyViewDeps) => (await comparePlans({ ...deps, pricePlans: plansStore([ECONOMY_7]) }, account, { from: D - 3600, to: D + DAY_SECONDS + 3600 })).costs[0]!.cost;
    await cost(readerOf()); // summarizes D, half hours included
    await storeReadings(writer(), { smartMeterId: meter, electricityReadings: correction });
    clock += LATE_WRITE_LEASE_SECONDS + 1; // past the write's lease: D can be summarized again
    const truth = await cost(rawReader());
    expect(await cost(readerOf())).toBeCloseTo(truth, 9); // D summarized again at its new version
    const state = (await summaries.dayStates(meter, D, D)).get(D)!;
    expect(state.tag).toBe(summaryTag(state.version, GAP));
    // A summarizer that read D before the correction stores its half hours late: they land (an unconditional Put),
    // its day total does not (its version is gone). The old half hours must not be used.
    expect(state.version).toBeGreaterThan(0);
    const stale = summarizeDay(seed, D, GAP);
    expect(await summaries.saveSummary(meter, stale, 0, summaryTag(0, GAP), clock)).toBe(false);
    expect((await summaries.daySlots(meter, [D])).get(D)!.tag).toBe(summaryTag(0, GAP));
    const noon = async (deps: EnergyViewDeps) => (await usageReport(deps, { smartMeterId: meter, kind: 'power' }, { from: D + 12 * 3600, to: D + 13 * 3600 }, 'hour', 'UTC')).periods[0]!.kWh;
    expect(await noon(readerOf())).toBeCloseTo(await noon(rawReader()), 9);
    expect(await cost(readerOf())).toBeCloseTo(truth, 9);
  });

  it("calls on the summaries table only what the writers' grant allows (IAM denies anything else in AWS)", async () => {
    const meter = 'granted';
    clock = D + 3 * DAY_SECONDS;
    await readings.save(meter, seed);
    const calls = new Set<string>();
    const recording = createDocumentClient();
    recording.middlewareStack.add((next, context) => (args) => (calls.add(`dynamodb:${String(context.commandName).replace(/Command$/, '')}`), next(args)), { step: 'initialize' });
    const marking = new DynamoDbSummariesStore(recording, summariesTable);
    const deps = { readings, summaries: marking, maxGapSeconds: GAP, now };
    await storeReadings(deps, { smartMeterId: meter, electricityReadings: correction });
    await deleteReadings(deps, meter, { from: D + 12 * 3600, to: D + 13 * 3600 });
    for (const route of [storeRoute, deleteRoute]) {
      expect(route.stores.summaries).toBe('mark');
      expect(GRANTS.summaries.mark.flatMap((grant) => grant.actions)).toEqual(expect.arrayContaining([...calls]));
    }
    expect([...calls].sort()).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
  });
});
