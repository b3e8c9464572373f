import { espiFeed } from '../../shared/domain/green-button.js';
import { csvDocument } from '../../shared/http/csv.js';
import { roundHalfEven } from '../../shared/domain/statement.js';
import { cutAtHalfHours, isoTime, type Span } from '../../shared/domain/time.js';
import { meterBounds, openEnergyView, type MeterEnergyDeps, type MeterRef } from '../../shared/services/meter-energy.js';

/** The half hours of a span (UTC :00/:30; the first and last cut to it) that hold energy, with their kWh. */
export async function halfHourEnergy(deps: MeterEnergyDeps, meter: MeterRef, span: Span): Promise<{ from: number; to: number; kWh: number }[]> {
  const view = await openEnergyView(deps, meter, span, await meterBounds(deps, meter));
  const halfHours = cutAtHalfHours([span]);
  const [energy] = await view.energy([halfHours]);
  return halfHours.map((h, i) => ({ ...h, kWh: energy![i]! })).filter((h) => h.kWh > 0);
}

/** `interval_start,interval_end,kwh`: one row per half hour with energy, kWh rounded half-even to 0.001. */
export function exportCsv(rows: readonly { from: number; to: number; kWh: number }[]): string {
  return csvDocument([['interval_start', 'interval_end', 'kwh'], ...rows.map((r) => [isoTime(r.from), isoTime(r.to), roundHalfEven(r.kWh, 3).toFixed(3)])]);
}

/** The same half hours as a Green Button ESPI feed, in whole Wh: the CSV's kWh (rounded half-even to 0.001) × 1000. */
export function exportEspi(smartMeterId: string, span: Span, timeZone: string, rows: readonly { from: number; kWh: number }[], now: number): string {
  return espiFeed({ smartMeterId, timeZone, from: span.from, to: span.to, generated: now, intervals: rows.map((r) => ({ start: r.from, wh: roundHalfEven(r.kWh, 3).times(1000).toNumber() })) });
}
