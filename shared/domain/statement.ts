import Big from 'big.js';
import { DAY_SECONDS } from './time.js';

/**
 * A statement's arithmetic, in decimal (big.js), never binary floating point, with the published rounding rules:
 * a line's kWh is its half hour's energy rounded half-even to 0.001; its cost kWh × unitRate rounded half-even to
 * 0.01 of the minor unit; a standing-charge part days × ratePerDay (days to the second) rounded the same way; the
 * energy cost and standing charge are the exact sums; net their sum; vat net × vatRate rounded half-even to 0.01;
 * total net + vat rounded half-even to the whole minor unit.
 */
const HALF_EVEN = 2; // Big.roundHalfEven

export const roundHalfEven = (value: Big.BigSource, places: number): Big => new Big(value).round(places, HALF_EVEN);

export interface StatementLine {
  from: number;
  to: number;
  pricePlanId: string;
  kWh: number;
  unitRate: number;
  cost: number;
}

/** A half hour's energy that has no price (no published price yet, or no plan in force): shown, counted, not billed. */
export interface UnpricedLine {
  from: number;
  to: number;
  pricePlanId: string | null;
  kWh: number;
}

export interface StandingChargePart {
  pricePlanId: string;
  from: number;
  to: number;
  days: number;
  ratePerDay: number;
  cost: number;
}

export interface StatementTotals {
  energyCost: number;
  standingCharge: number;
  net: number;
  vat: number;
  total: number;
}

/** A line from a stretch of one half hour under one plan and one rate, given its energy as measured. */
export function statementLine(stretch: { from: number; to: number; pricePlanId: string; unitRate: number }, kWh: number): StatementLine {
  const rounded = roundHalfEven(kWh, 3);
  return { ...stretch, kWh: rounded.toNumber(), cost: roundHalfEven(rounded.times(stretch.unitRate), 2).toNumber() };
}

/** An unpriced line: its energy rounded as a line's is. */
export function unpricedLine(stretch: { from: number; to: number; pricePlanId: string | null }, kWh: number): UnpricedLine {
  return { ...stretch, kWh: roundHalfEven(kWh, 3).toNumber() };
}

/** The energy of the statement: the exact sum of its lines' (and unpriced lines') rounded kWh. */
export function energyTotal(...groups: readonly (readonly { kWh: number }[])[]): number {
  return groups.flat().reduce((sum, line) => sum.plus(line.kWh), new Big(0)).toNumber();
}

/** A standing-charge part: its days prorated to the second, at its rate per day. */
export function standingChargePart(part: { pricePlanId: string; from: number; to: number; ratePerDay: number }): StandingChargePart {
  const days = new Big(part.to - part.from).div(DAY_SECONDS);
  return { ...part, days: days.toNumber(), cost: roundHalfEven(days.times(part.ratePerDay), 2).toNumber() };
}

/** A half hour of a solar household's export: its energy, what the export plan paid per kWh then, and the credit. */
export interface ExportLine {
  start: number;
  kWh: number;
  rate: number;
  credit: number;
}

/** An export meter's line (its rate and cost are negative: a credit) as the household's statement shows it. */
export function exportLine(line: StatementLine): ExportLine {
  return { start: line.from, kWh: line.kWh, rate: 0 - line.unitRate, credit: 0 - line.cost };
}

/** The exact sum of export lines' credits. */
export const exportCredit = (lines: readonly ExportLine[]): number => lines.reduce((sum, line) => sum.plus(line.credit), new Big(0)).toNumber();

/**
 * The totals of lines and standing-charge parts: exact sums, then VAT and the total rounded as published. A solar
 * household's export credit comes off the net after VAT is worked out on the import alone (no VAT on export), so the
 * total may be negative: a credit.
 */
export function statementTotals(lines: readonly StatementLine[], parts: readonly StandingChargePart[], vatRate: number, credit = 0): StatementTotals {
  const energyCost = lines.reduce((sum, line) => sum.plus(line.cost), new Big(0));
  const standingCharge = parts.reduce((sum, part) => sum.plus(part.cost), new Big(0));
  const importNet = energyCost.plus(standingCharge);
  const vat = roundHalfEven(importNet.times(vatRate), 2);
  const net = importNet.minus(credit);
  const amount = (value: Big) => value.toNumber() || 0; // a credit's zero VAT is 0, never -0
  return { energyCost: amount(energyCost), standingCharge: amount(standingCharge), net: amount(net), vat: amount(vat), total: amount(roundHalfEven(net.plus(vat), 0)) };
}

/** A dual-fuel household's one total: the two fuels' statements' net, VAT and total added, exactly. */
export function dualFuelTotals(a: StatementTotals & { complete: boolean }, b: StatementTotals & { complete: boolean }) {
  const sum = (x: number, y: number) => new Big(x).plus(y).toNumber();
  return { net: sum(a.net, b.net), vat: sum(a.vat, b.vat), total: sum(a.total, b.total), complete: a.complete && b.complete };
}

