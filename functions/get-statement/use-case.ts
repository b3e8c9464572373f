import { planParts, type Account } from '../../shared/domain/accounts.js';
import { vatRateOf, versionsOver } from '../../shared/domain/price-plans.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import { dualFuelTotals, energyTotal, exportCredit, exportLine, roundHalfEven, standingChargePart, statementLine, statementTotals, unpricedLine, type StandingChargePart, type StatementLine } from '../../shared/domain/statement.js';
import { GasEnergy } from '../../shared/domain/energy-source.js';
import { VOLUME_CORRECTION } from '../../shared/domain/gas.js';
import { rateSegmentsOver } from '../../shared/domain/tariff.js';
import { clipSpans, cutAtHalfHours, gapsOf, HALF_HOUR_SECONDS, halfHourOf, isoTime, mergeSpans, type Span } from '../../shared/domain/time.js';
import { MeterNotFoundError, NoPricePlanError } from '../../shared/errors.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import { meterBounds, openEnergyView, type MeterEnergyDeps } from '../../shared/services/meter-energy.js';
import { planNamed, priceBook } from '../../shared/services/price-book.js';
import { csvDocument } from '../../shared/http/csv.js';
import type { Statement } from './docs.js';

/**
 * A bill that adds up: one line per half hour with energy (UTC :00/:30) under the plan and the price in force then
 * (a plan switch or a price change inside a half hour starts a new line), the standing charge for every day of the
 * period in parts (per plan and version), and the totals, in decimal with the published rounding rules.
 */
export async function statement(deps: StatementDeps, account: Account, span: Span): Promise<Statement> {
  const withExport = await importStatement(deps, account, span);
  if (account.gasMeterId === undefined) return withExport;
  // A dual-fuel household: its gas meter's statement over the same period as a section, and one total for both.
  const gasAccount = await deps.accounts.find(account.gasMeterId);
  if (!gasAccount) throw new MeterNotFoundError(account.gasMeterId);
  const gas = omitCurrency(await meterStatement(deps, gasAccount, span));
  return { ...withExport, gas, dualFuel: dualFuelTotals(withExport, gas) };
}

/** An electricity import meter's statement, with its export meter's credits when it has one (a solar household). */
async function importStatement(deps: StatementDeps, account: Account, span: Span): Promise<Statement> {
  const own = await meterStatement(deps, account, span);
  if (account.exportMeterId === undefined || account.direction !== 'import') return own;
  // A solar household: its export meter's statement over the same period, shown as credits on the import's.
  const exported = await deps.accounts.find(account.exportMeterId);
  if (!exported) throw new MeterNotFoundError(account.exportMeterId);
  const credits = await meterStatement(deps, exported, span);
  const lines = credits.lines.map(exportLine);
  const section = { smartMeterId: exported.smartMeterId, kWh: credits.kWh, unpricedKWh: credits.unpricedKWh, lines, exportCredit: exportCredit(lines) };
  return {
    ...own,
    ...statementTotals(own.lines, own.standingCharges, own.vatRate, section.exportCredit),
    complete: own.complete && credits.unpriced.length === 0,
    export: section,
  };
}

export type StatementDeps = MeterEnergyDeps & { pricePlans: PricePlansReader; accounts: Pick<AccountsStore, 'find'> };

/** One meter's statement: its lines, standing charges and totals (an export meter's costs are negative: credits). */
async function meterStatement(deps: StatementDeps, account: Account, span: Span): Promise<Statement> {
  const { smartMeterId } = account;
  const vatRate = (catalogueRate: number) => vatRateOf(account, catalogueRate);
  const bounds = await meterBounds(deps, account);
  const view = await openEnergyView(deps, account, span, bounds);
  const energySpans = clipSpans(view.energySpans(), span);
  const planned = planParts(account, span);
  const book = await priceBook(deps.pricePlans, energySpans, new Set(planned.flatMap((p) => p.pricePlanId ?? [])));
  const parts = planned.map((part) => {
    const plan = part.pricePlanId === undefined ? undefined : planNamed(book, part.pricePlanId);
    if (part.pricePlanId !== undefined && !plan) throw new NoPricePlanError(smartMeterId, part.pricePlanId);
    return { part, plan };
  });
  // Every stretch of one half hour under one plan and one rate (unpriced: rate undefined), and its energy.
  type Stretch = Span & { pricePlanId: string | undefined; rate: number | undefined };
  const stretches = parts.flatMap(({ part, plan }): Stretch[] =>
    plan ? cutAtHalfHours(rateSegmentsOver(plan, clipSpans(energySpans, part), book.pricesOf(plan.pricePlanId))).map((s) => ({ ...s, pricePlanId: plan.pricePlanId })) : cutAtHalfHours(clipSpans(energySpans, part)).map((s) => ({ ...s, pricePlanId: undefined, rate: undefined })),
  );
  const [energy] = await view.energy([stretches]);
  // Each stretch lies inside one half hour (cut above): its start names it. Stretches inside one half hour with the
  // same plan and rate are one line (a gap in the readings inside it does not split it).
  const merged: { from: number; to: number; pricePlanId: string | undefined; rate: number | undefined; kWh: number }[] = [];
  stretches.forEach((s, i) => {
    const last = merged.at(-1);
    const sameHalfHour = last && halfHourOf(last.from) === halfHourOf(s.from);
    if (sameHalfHour && last.pricePlanId === s.pricePlanId && last.rate === s.rate) {
      last.to = s.to;
      last.kWh += energy![i]!;
    } else merged.push({ from: s.from, to: s.to, pricePlanId: s.pricePlanId, rate: s.rate, kWh: energy![i]! });
  });
  const withEnergy = merged.filter((m) => m.kWh > 0);
  // Lines are UTC half hours: the first of a half hour starts at its :00/:30 and the last ends at the next (within the
  // period), wherever the readings began; a plan switch or price change inside it is the one boundary between lines.
  withEnergy.forEach((m, i) => {
    const halfHour = halfHourOf(m.from);
    const previous = withEnergy[i - 1];
    const next = withEnergy[i + 1];
    m.from = previous && halfHourOf(previous.from) === halfHour ? previous.to : Math.max(span.from, halfHour);
    if (!next || halfHourOf(next.from) !== halfHour) m.to = Math.min(span.to, halfHour + HALF_HOUR_SECONDS);
  });
  // Energy with no price (no published price yet, or no plan in force) is billed nowhere yet, but shown: never a silent 0.
  const isPriced = (m: (typeof withEnergy)[number]) => m.rate !== undefined && m.pricePlanId !== undefined;
  const lines = withEnergy.filter(isPriced).map((m) => statementLine({ from: m.from, to: m.to, pricePlanId: m.pricePlanId!, unitRate: m.rate! }, m.kWh));
  const unpriced = withEnergy.filter((m) => !isPriced(m)).map((m) => unpricedLine({ from: m.from, to: m.to, pricePlanId: m.pricePlanId ?? null }, m.kWh));
  const standingCharges: StandingChargePart[] = parts.flatMap(({ part, plan }) =>
    plan
      ? versionsOver(plan, part)
          .filter((piece) => (piece.version?.standingChargePerDay ?? 0) > 0)
          .map((piece) => standingChargePart({ pricePlanId: plan.pricePlanId, from: piece.from, to: piece.to, ratePerDay: piece.version!.standingChargePerDay! }))
      : [],
  );
  // A half hour of the period without energy is missing (a gap, or before or after the data). Stored summaries keep
  // energy, not which instants readings reached, so a half hour in which the meter truly used nothing counts too.
  // A gas meter's lines show the volume, the calorific value and the correction that make their kWh, as a gas bill
  // does; its half hours on days with no published value are listed apart (`unconverted`), in no kWh and no cost yet.
  const gas = view instanceof GasEnergy ? await gasDetails(view, lines, cutAtHalfHours(energySpans)) : undefined;
  const halfHoursWithEnergy = [...withEnergy, ...(gas?.unconverted ?? [])].map(({ from }) => ({ from: Math.max(span.from, halfHourOf(from)), to: Math.min(span.to, halfHourOf(from) + HALF_HOUR_SECONDS) }));
  const missing = gapsOf(span, mergeSpans(halfHoursWithEnergy.sort((a, b) => a.from - b.from)));
  return {
    smartMeterId,
    currency: book.currency,
    vatRate: vatRate(book.vatRate),
    from: span.from,
    to: span.to,
    kWh: energyTotal(lines, unpriced),
    unpricedKWh: energyTotal(unpriced),
    lines: gas?.lines ?? lines,
    unpriced,
    standingCharges,
    ...statementTotals(lines, standingCharges, vatRate(book.vatRate)),
    complete: missing.length === 0 && unpriced.length === 0 && !gas?.unconverted.length,
    missing,
    ...(gas && { m3: gas.m3, unconverted: gas.unconverted }),
  };
}

/**
 * Each line's volume (m³, to 0.001), its day's calorific value and the volume correction; the half hours whose day
 * has no published value, with their volume; and the statement's whole volume.
 */
async function gasDetails(view: GasEnergy, lines: readonly StatementLine[], halfHours: readonly Span[]) {
  const [[volumes], gas] = await Promise.all([view.volume([lines]), view.gasIn(halfHours)]);
  const m3 = (value: number) => roundHalfEven(value, 3).toNumber();
  return {
    lines: lines.map((line, i) => ({ ...line, m3: m3(volumes![i]!), mjPerM3: view.calorificValueAt(line.from)!, correction: VOLUME_CORRECTION })),
    unconverted: halfHours.flatMap((h, i) => (gas[i]!.unconvertedM3 > 0 ? [{ from: h.from, to: h.to, m3: m3(gas[i]!.unconvertedM3) }] : [])),
    m3: m3(gas.reduce((sum, h) => sum + h.m3, 0)),
  };
}

/**
 * The statement as CSV: a header row and the lines (a gas meter's with their volume, calorific value and correction,
 * and its unconverted half hours), the unpriced half hours (no rate, no cost), then the
 * standing-charge parts, a solar household's export half hours (the rate paid, the credit as a negative cost) and its
 * export credit, and the totals (the energy total counts the unpriced kWh).
 */
export function statementCsv(s: Statement): string {
  // A gas statement's lines also carry their volume, calorific value and correction, in three more columns.
  const gas = s.m3 !== undefined;
  const gasColumns = (l: Statement['lines'][number]) => (gas ? [l.m3!.toFixed(3), l.mjPerM3!, l.correction!] : []);
  return csvDocument([
    ['kind', 'from', 'to', 'price_plan_id', 'kwh', 'unit_rate', 'days', 'rate_per_day', 'cost', ...(gas ? ['m3', 'mj_per_m3', 'correction'] : [])],
    ...s.lines.map((l) => ['line', isoTime(l.from), isoTime(l.to), l.pricePlanId, l.kWh.toFixed(3), l.unitRate, '', '', l.cost.toFixed(2), ...gasColumns(l)]),
    ...(s.unconverted ?? []).map((u) => ['unconverted', isoTime(u.from), isoTime(u.to), '', '', '', '', '', '', u.m3.toFixed(3), '', '']),
    ...s.unpriced.map((u) => ['unpriced', isoTime(u.from), isoTime(u.to), u.pricePlanId ?? '', u.kWh.toFixed(3), '', '', '', '']),
    ...s.standingCharges.map((p) => ['standing_charge', isoTime(p.from), isoTime(p.to), p.pricePlanId, '', '', p.days, p.ratePerDay, p.cost.toFixed(2)]),
    ['kWh', isoTime(s.from), isoTime(s.to), '', s.kWh.toFixed(3), '', '', '', ''],
    ...(s.export?.lines ?? []).map((e) => ['export', isoTime(e.start), '', '', e.kWh.toFixed(3), e.rate, '', '', (0 - e.credit).toFixed(2)]),
    ...(s.export ? [['exportCredit', isoTime(s.from), isoTime(s.to), '', s.export.kWh.toFixed(3), '', '', '', s.export.exportCredit.toFixed(2)]] : []),
    ...(['energyCost', 'standingCharge', 'net', 'vat', 'total'] as const).map((name) => [name, isoTime(s.from), isoTime(s.to), '', '', '', '', '', name === 'total' ? s.total.toFixed(0) : s[name].toFixed(2)]),
  ]);
}

/** A section of a household's statement: the meter's own statement, in the answer's one currency. */
function omitCurrency(statement: Statement): Omit<Statement, 'currency'> {
  const section: Partial<Statement> = { ...statement };
  delete section.currency;
  return section as Omit<Statement, 'currency'>;
}

