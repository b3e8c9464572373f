import { describe, expect, it } from 'vitest';
import { statement, statementCsv } from '../../functions/get-statement/use-case.js';
import type { Account } from '../../shared/domain/accounts.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import type { Reading } from '../../shared/domain/readings.js';
import { InMemoryAccountsStore, InMemoryReadingsStore } from '../support/in-memory-stores.js';
import { plansStore } from '../support/plans.js';

/**
 * Statements with every figure worked out by hand (in the comments), not recomputed from the answer with the
 * product's rounding: the values are pinned, not only their consistency.
 */
const D = Date.parse('2025-03-03T00:00:00Z') / 1000; // a Monday
const HOUR = 3600;
const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

/** Constant power `kW` from `from` to `to`, a reading every half hour: energy kW × hours, all of it in (from, to). */
const steady = (kW: number, from: number, to: number): Reading[] =>
  Array.from({ length: (to - from) / 1800 + 1 }, (_, i) => ({ time: from + i * 1800, reading: kW }));

async function statementOf(
  account: Account,
  readings: Reading[],
  plans: PricePlan[],
  options: { vatRate: number; prices?: Record<string, ReadonlyMap<number, number>>; exportMeter?: { account: Account; readings: Reading[] } },
  span: { from: number; to: number },
) {
  const store = new InMemoryReadingsStore();
  await store.save(account.smartMeterId, readings);
  if (options.exportMeter) await store.save(options.exportMeter.account.smartMeterId, options.exportMeter.readings);
  const accounts = new InMemoryAccountsStore([account, ...(options.exportMeter ? [options.exportMeter.account] : [])]);
  const deps = { readings: store, accounts, pricePlans: plansStore(plans, options.prices, { vatRate: options.vatRate }), maxGapSeconds: HOUR, now: () => D + 2 * 86_400 };
  const answer = await statement(deps, account, span);
  const csvRows = statementCsv(answer).trimEnd().split('\r\n');
  return { answer, csvRows };
}

describe('statements worked by hand', () => {
  it('rounds a total of exactly x.5 half to even: 100.50p is billed 100p, not 101p (#40 S1)', async () => {
    const even: PricePlan = { pricePlanId: 'even', supplier: 'E', rates: [{ validFrom: 0, unitRate: 50, standingChargePerDay: 50.5 }] };
    const account: Account = { smartMeterId: 'm', kind: 'power', direction: 'import', fuel: 'electricity', pricePlanId: 'even', planHistory: [{ pricePlanId: 'even', from: 0 }] };
    // 2 kW for the half hour 00:00–00:30: 1.000 kWh × 50p = 50.00p; a day's standing charge 50.50p; net 100.50p; no
    // VAT; total 100.5 → half-even → 100 (half-up would say 101).
    const { answer, csvRows } = await statementOf(account, steady(2, D, D + 1800), [even], { vatRate: 0 }, { from: D, to: D + 86_400 });
    expect(answer).toMatchObject({ kWh: 1, energyCost: 50, standingCharge: 50.5, net: 100.5, vat: 0, total: 100, complete: false });
    expect(csvRows.at(-1)).toBe('total,2025-03-03T00:00:00Z,2025-03-04T00:00:00Z,,,,,,100');
  });

  it('is not complete when a half hour has energy but no price, though no half hour misses readings (#40 S6)', async () => {
    const agile: PricePlan = { pricePlanId: 'agile', supplier: 'A', dynamic: true, rates: [{ validFrom: 0, standingChargePerDay: 48 }] };
    const account: Account = { smartMeterId: 'm', kind: 'power', direction: 'import', fuel: 'electricity', pricePlanId: 'agile', planHistory: [{ pricePlanId: 'agile', from: 0 }] };
    // 1 kW over 00:00–01:00: 0.500 kWh in each half hour. 00:00 is published at 30p: 15.00p. 00:30 is not: unpriced.
    // Standing charge 1/24 day × 48p = 2.00p; net 17.00p; VAT 5% 0.85p; total 17.85 → 18.
    const prices = { agile: new Map([[D, 30]]) };
    const { answer, csvRows } = await statementOf(account, steady(1, D, D + HOUR), [agile], { vatRate: 0.05, prices }, { from: D, to: D + HOUR });
    expect(answer.missing).toEqual([]);
    expect(answer).toMatchObject({ kWh: 1, unpricedKWh: 0.5, energyCost: 15, standingCharge: 2, net: 17, vat: 0.85, total: 18, complete: false });
    expect(answer.unpriced).toEqual([{ from: D + 1800, to: D + HOUR, pricePlanId: 'agile', kWh: 0.5 }]);
    expect(csvRows).toEqual([
      'kind,from,to,price_plan_id,kwh,unit_rate,days,rate_per_day,cost',
      'line,2025-03-03T00:00:00Z,2025-03-03T00:30:00Z,agile,0.500,30,,,15.00',
      'unpriced,2025-03-03T00:30:00Z,2025-03-03T01:00:00Z,agile,0.500,,,,',
      'standing_charge,2025-03-03T00:00:00Z,2025-03-03T01:00:00Z,agile,,,0.041666666666666664,48,2.00',
      'kWh,2025-03-03T00:00:00Z,2025-03-03T01:00:00Z,,1.000,,,,',
      'energyCost,2025-03-03T00:00:00Z,2025-03-03T01:00:00Z,,,,,,15.00',
      'standingCharge,2025-03-03T00:00:00Z,2025-03-03T01:00:00Z,,,,,,2.00',
      'net,2025-03-03T00:00:00Z,2025-03-03T01:00:00Z,,,,,,17.00',
      'vat,2025-03-03T00:00:00Z,2025-03-03T01:00:00Z,,,,,,0.85',
      'total,2025-03-03T00:00:00Z,2025-03-03T01:00:00Z,,,,,,18',
    ]);
  });

  it('bills a switch at noon in two lines and two standing-charge parts, and its CSV row by row as the JSON (#40 S7, S8)', async () => {
    const flat: PricePlan = { pricePlanId: 'flat', supplier: 'F', rates: [{ validFrom: 0, unitRate: 24.5, standingChargePerDay: 53.35 }] };
    const cheap: PricePlan = { pricePlanId: 'cheap', supplier: 'C', rates: [{ validFrom: 0, unitRate: 19.9, standingChargePerDay: 40 }] };
    const noon = D + 12 * HOUR;
    const account: Account = { smartMeterId: 'm', kind: 'power', direction: 'import', fuel: 'electricity', pricePlanId: 'cheap', planHistory: [{ pricePlanId: 'flat', from: 0 }, { pricePlanId: 'cheap', from: noon }] };
    // 1.2 kW for 00:00–00:30 (0.600 kWh × 24.5p = 14.70p) and for 12:00–12:30 (0.600 kWh × 19.9p = 11.94p): 26.64p.
    // Standing: half a day of flat, 0.5 × 53.35 = 26.675 → half-even → 26.68p; half a day of cheap, 20.00p: 46.68p.
    // Net 73.32p; VAT 5% 3.666 → 3.67p; total 76.99 → 77p.
    const readings = [...steady(1.2, D, D + 1800), ...steady(1.2, noon, noon + 1800)];
    const { answer, csvRows } = await statementOf(account, readings, [flat, cheap], { vatRate: 0.05 }, { from: D, to: D + 86_400 });
    expect(answer.lines).toEqual([
      { from: D, to: D + 1800, pricePlanId: 'flat', kWh: 0.6, unitRate: 24.5, cost: 14.7 },
      { from: noon, to: noon + 1800, pricePlanId: 'cheap', kWh: 0.6, unitRate: 19.9, cost: 11.94 },
    ]);
    expect(answer.standingCharges).toEqual([
      { pricePlanId: 'flat', from: D, to: noon, days: 0.5, ratePerDay: 53.35, cost: 26.68 },
      { pricePlanId: 'cheap', from: noon, to: D + 86_400, days: 0.5, ratePerDay: 40, cost: 20 },
    ]);
    expect(answer).toMatchObject({ kWh: 1.2, energyCost: 26.64, standingCharge: 46.68, net: 73.32, vat: 3.67, total: 77 });
    expect(csvRows).toEqual([
      'kind,from,to,price_plan_id,kwh,unit_rate,days,rate_per_day,cost',
      'line,2025-03-03T00:00:00Z,2025-03-03T00:30:00Z,flat,0.600,24.5,,,14.70',
      'line,2025-03-03T12:00:00Z,2025-03-03T12:30:00Z,cheap,0.600,19.9,,,11.94',
      'standing_charge,2025-03-03T00:00:00Z,2025-03-03T12:00:00Z,flat,,,0.5,53.35,26.68',
      'standing_charge,2025-03-03T12:00:00Z,2025-03-04T00:00:00Z,cheap,,,0.5,40,20.00',
      'kWh,2025-03-03T00:00:00Z,2025-03-04T00:00:00Z,,1.200,,,,',
      'energyCost,2025-03-03T00:00:00Z,2025-03-04T00:00:00Z,,,,,,26.64',
      'standingCharge,2025-03-03T00:00:00Z,2025-03-04T00:00:00Z,,,,,,46.68',
      'net,2025-03-03T00:00:00Z,2025-03-04T00:00:00Z,,,,,,73.32',
      'vat,2025-03-03T00:00:00Z,2025-03-04T00:00:00Z,,,,,,3.67',
      'total,2025-03-03T00:00:00Z,2025-03-04T00:00:00Z,,,,,,77',
    ]);
  });

  it('shows energy before the plan\'s first version as unpriced, never drops it (#40)', async () => {
    // The plan starts at 00:30 (20p/kWh, no standing charge). 1 kW over 00:00–01:00: 0.500 kWh before it (unpriced),
    // 0.500 kWh under it, 10.00p. Net 10.00p, no VAT, total 10p.
    const late: PricePlan = { pricePlanId: 'late', supplier: 'L', rates: [{ validFrom: D + 1800, unitRate: 20 }] };
    const account: Account = { smartMeterId: 'm', kind: 'power', direction: 'import', fuel: 'electricity', pricePlanId: 'late', planHistory: [{ pricePlanId: 'late', from: 0 }] };
    const { answer } = await statementOf(account, steady(1, D, D + HOUR), [late], { vatRate: 0 }, { from: D, to: D + HOUR });
    expect(answer.unpriced).toEqual([{ from: D, to: D + 1800, pricePlanId: 'late', kWh: 0.5 }]);
    expect(answer).toMatchObject({ kWh: 1, unpricedKWh: 0.5, energyCost: 10, total: 10, complete: false });
  });

  it('nets a solar household\'s export credit after VAT on the import alone: 305.00p + 15.25p VAT − 120.00p is 200.25p, billed 200p (#36)', async () => {
    // Import: 10.0 kWh at 24.50p = 245.00p, plus one day's standing charge of 60.00p: import net 305.00p; VAT at 5% of
    // it 15.25p (on the import only; VAT inclusive the unit rate is 25.725p). Export: 8.0 kWh paid 15.00p = 120.00p.
    // net = 305.00 − 120.00 = 185.00p; total = 185.00 + 15.25 = 200.25p, rounded half-even to the whole penny: 200p.
    const importMeter: Account = { smartMeterId: 'home', kind: 'power', direction: 'import', fuel: 'electricity', exportMeterId: 'home-export', pricePlanId: 'imp', planHistory: [{ pricePlanId: 'imp', from: 0 }] };
    const exportMeter: Account = { smartMeterId: 'home-export', kind: 'power', direction: 'export', fuel: 'electricity', importMeterId: 'home', pricePlanId: 'exp', planHistory: [{ pricePlanId: 'exp', from: 0 }] };
    const plans: PricePlan[] = [
      { pricePlanId: 'imp', supplier: 'S', rates: [{ validFrom: 0, unitRate: 24.5, standingChargePerDay: 60 }] },
      { pricePlanId: 'exp', supplier: 'S', direction: 'export', rates: [{ validFrom: 0, unitRate: 15 }] },
    ];
    const { answer, csvRows } = await statementOf(
      importMeter,
      steady(1, D, D + 10 * HOUR), // 1 kW for 10 hours: 10.0 kWh
      plans,
      { vatRate: 0.05, exportMeter: { account: exportMeter, readings: steady(2, D + 10 * HOUR, D + 14 * HOUR) } }, // 2 kW for 4 hours: 8.0 kWh
      { from: D, to: D + 24 * HOUR },
    );
    expect(answer).toMatchObject({ kWh: 10, energyCost: 245, standingCharge: 60, vat: 15.25, net: 185, total: 200 });
    expect(answer.export).toMatchObject({ smartMeterId: 'home-export', kWh: 8, unpricedKWh: 0, exportCredit: 120 });
    expect(answer.export!.lines).toHaveLength(8);
    expect(answer.export!.lines[0]).toEqual({ start: D + 10 * HOUR, kWh: 1, rate: 15, credit: 15 });
    expect(csvRows).toContain(`exportCredit,${iso(D)},${iso(D + 24 * HOUR)},,8.000,,,,120.00`);
    expect(csvRows.at(-1)).toBe(`total,${iso(D)},${iso(D + 24 * HOUR)},,,,,,200`);
    expect(csvRows.filter((row) => row.startsWith('export,'))).toHaveLength(8);
  });

  it('shows an export meter\'s own statement as credits without VAT: negative rates and costs, a negative total (#36)', async () => {
    const exportMeter: Account = { smartMeterId: 'panels', kind: 'power', direction: 'export', fuel: 'electricity', pricePlanId: 'exp', planHistory: [{ pricePlanId: 'exp', from: 0 }] };
    const plans: PricePlan[] = [{ pricePlanId: 'exp', supplier: 'S', direction: 'export', rates: [{ validFrom: 0, unitRate: 15 }] }];
    // 2 kW for 4 hours: 8.0 kWh paid 15p = 120.00p: a credit, so −120.00p with no VAT, total −120p.
    const { answer } = await statementOf(exportMeter, steady(2, D + 10 * HOUR, D + 14 * HOUR), plans, { vatRate: 0.05 }, { from: D, to: D + 24 * HOUR });
    expect(answer).toMatchObject({ vatRate: 0, kWh: 8, energyCost: -120, vat: 0, net: -120, total: -120 });
    expect(answer.lines[0]).toMatchObject({ unitRate: -15, cost: -15 });
    expect(answer.export).toBeUndefined();
  });
});
