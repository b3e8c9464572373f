import { daysOf } from '../../shared/domain/energy-summaries.js';
import { clipSpans, type Span } from '../../shared/domain/time.js';
import type { ReadingsStore } from '../../shared/ports/readings-store.js';
import { lateDays, whileMarked, type LateWriteDeps } from '../../shared/services/late-writes.js';
import type { ReadingsDeletion } from './docs.js';

/** Storage items (hours) one delete call removes at most: ~200 batched deletes, well inside the function timeout. */
export const MAX_DELETE_BUCKETS = 5000;

export interface DeleteReadingsDeps extends LateWriteDeps {
  readings: ReadingsStore;
}

/** Removes a meter's readings in a span (an operator's repair of bad data), a bounded amount per call. */
export async function deleteReadings(deps: DeleteReadingsDeps, smartMeterId: string, span: Span): Promise<ReadingsDeletion> {
  const bounds = await deps.readings.bounds(smartMeterId);
  const gap = deps.maxGapSeconds;
  const touched = bounds ? clipSpans([{ from: span.from - gap, to: span.to + gap }], { from: bounds.from - gap, to: bounds.to + gap + 1 }) : [];
  const late = touched.length ? lateDays(deps, daysOf(touched[0]!)) : [];
  const { deleted, complete } = await whileMarked(deps, smartMeterId, late, () => deps.readings.deleteRange(smartMeterId, span, MAX_DELETE_BUCKETS));
  return { smartMeterId, from: span.from, to: span.to, deleted, complete };
}
