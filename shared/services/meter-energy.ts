import type { Span, TimeRange } from '../domain/time.js';
import { closeRange } from '../domain/time.js';
import { EnergyView, type EnergyViewDeps } from './energy-view.js';

/**
 * The energy of a span, read from where there can be energy: the span cut to the meter's readings and one maximum
 * gap around them, so a range of centuries reads (and walks) only the days that hold data.
 */
export function openEnergyView(deps: EnergyViewDeps, smartMeterId: string, span: Span, bounds: Span | undefined): Promise<EnergyView> {
  const gap = deps.maxGapSeconds;
  const withData = bounds ? { from: Math.max(span.from, bounds.from - gap), to: Math.min(span.to, bounds.to + gap + 1) } : { from: 0, to: 0 };
  return EnergyView.open(deps, smartMeterId, withData.from < withData.to ? withData : { from: span.from, to: span.from });
}

/** The span a range stands for (open ends from the meter's first and last readings) and the energy view over it. */
export async function energyOfRange(deps: EnergyViewDeps, smartMeterId: string, range: TimeRange): Promise<{ span: Span; view: EnergyView }> {
  const bounds = await deps.readings.bounds(smartMeterId);
  const span = closeRange(range, bounds ?? { from: 0, to: 0 });
  return { span, view: await openEnergyView(deps, smartMeterId, span, bounds) };
}
