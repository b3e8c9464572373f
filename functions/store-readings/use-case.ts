import { firstReadingFromTheFuture, type ReadingsBatch } from '../../shared/domain/readings.js';
import { ValidationError } from '../../shared/errors.js';
import type { ReadingsStore } from '../../shared/ports/readings-store.js';
import { lateDays, whileMarked, type LateWriteDeps } from '../../shared/services/late-writes.js';

export interface StoreReadingsDeps extends LateWriteDeps {
  readings: ReadingsStore;
}

/**
 * Stores a batch for a meter whose account exists (the pipeline read it); readings timed in the future are refused
 * before anything is written. Answers only once every reading is written.
 */
export async function storeReadings(deps: StoreReadingsDeps, batch: ReadingsBatch): Promise<void> {
  const fromTheFuture = firstReadingFromTheFuture(batch.electricityReadings, deps.now());
  if (fromTheFuture) throw new ValidationError(fromTheFuture);
  const late = lateDays(deps, batch.electricityReadings.map((r) => r.time));
  await whileMarked(deps, batch.smartMeterId, late, () => deps.readings.save(batch.smartMeterId, batch.electricityReadings));
}
