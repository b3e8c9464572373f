import { calorificValuesOf } from '../domain/gas.js';
import { dayRange } from '../domain/published-prices.js';
import type { Span } from '../domain/time.js';
import { CALORIFIC_VALUE_SERIES, type PricePlansReader } from '../ports/price-plans-store.js';

/** The published calorific values (MJ/m³) of the UTC days a span touches, by day start. */
export async function calorificValues(reader: PricePlansReader, span: Span): Promise<Map<number, number>> {
  if (span.to <= span.from) return new Map();
  const { firstDay, lastDay } = dayRange(span);
  return calorificValuesOf(await reader.halfHourDays(CALORIFIC_VALUE_SERIES, firstDay, lastDay));
}
