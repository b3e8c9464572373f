import type { Account } from '../../shared/domain/accounts.js';
import { espiFeed } from '../../shared/domain/green-button.js';
import { csvDocument } from '../../shared/http/csv.js';
import { roundHalfEven } from '../../shared/domain/statement.js';
import { cutAtHalfHours, isoTime, type Span } from '../../shared/domain/time.js';
import { GasEnergy } from '../../shared/domain/energy-source.js';
import { meterBounds, openEnergyView, type MeterEnergyDeps, type MeterRef } from '../../shared/services/meter-energy.js';

/** A half hour out: its energy, and a gas meter's volume (its kWh unknown, undefined, while its day has no CV). */
export interface HalfHourOut {
  from: number;
  to: number;
  kWh: number | undefined;
  m3?: number;
}

/** The half hours of a span (UTC :00/:30; the first and last cut to it) that hold energy (or gas), with their kWh. */
export async function halfHourEnergy(deps: MeterEnergyDeps, meter: MeterRef, span: Span): Promise<HalfHourOut[]> {
  const view = await openEnergyView(deps, meter, span, await meterBounds(deps, meter));
  const halfHours = cutAtHalfHours([span]);
  const [energy] = await view.energy([halfHours]);
  if (!(view instanceof GasEnergy)) return halfHours.map((h, i) => ({ ...h, kWh: energy![i]! })).filter((h) => h.kWh > 0);
  // A gas meter's half hours with a volume, each with its kWh, or none yet where its day has no calorific value.
  const gas = await view.gasIn(halfHours);
  return halfHours.map((h, i) => ({ ...h, kWh: gas[i]!.unconvertedM3 > 0 ? undefined : energy![i]!, m3: gas[i]!.m3 })).filter((h) => h.m3 > 0);
}

/**
 * `interval_start,interval_end,kwh`: one row per half hour with energy, kWh rounded half-even to 0.001; a gas meter's
 * have an `m3` column too, and an empty kWh where the day's calorific value is not published yet.
 */
export function exportCsv(rows: readonly HalfHourOut[]): string {
  const gas = rows.some((r) => r.m3 !== undefined);
  const kWh = (r: HalfHourOut) => (r.kWh === undefined ? '' : roundHalfEven(r.kWh, 3).toFixed(3));
  return csvDocument([['interval_start', 'interval_end', 'kwh', ...(gas ? ['m3'] : [])], ...rows.map((r) => [isoTime(r.from), isoTime(r.to), kWh(r), ...(gas ? [roundHalfEven(r.m3!, 3).toFixed(3)] : [])])]);
}

/**
 * The same half hours as a Green Button ESPI feed, in whole Wh: the CSV's kWh (rounded half-even to 0.001) × 1000. A
 * feed of energy cannot hold a gas half hour whose kWh is not known yet: those are in the CSV (its m3) only.
 */
export function exportEspi(meter: Pick<Account, 'smartMeterId' | 'fuel' | 'direction'>, span: Span, timeZone: string, rows: readonly HalfHourOut[], now: number): string {
  const known = rows.filter((r): r is HalfHourOut & { kWh: number } => r.kWh !== undefined);
  // A gas meter's feed is natural gas (in Wh after conversion); an export meter's flows back to the grid.
  const reading = { commodity: meter.fuel === 'gas' ? 7 : 1, flowDirection: meter.direction === 'export' ? 19 : 1 } as const;
  return espiFeed({ smartMeterId: meter.smartMeterId, reading, timeZone, from: span.from, to: span.to, generated: now, intervals: known.map((r) => ({ start: r.from, wh: roundHalfEven(r.kWh, 3).times(1000).toNumber() })) });
}
