import { REFUSALS, type RequestOutcome } from '../../shared/http/pipeline.js';
import { jsonBody } from '../../shared/http/request.js';
import { countMetric, METRIC } from '../../shared/observability/metrics.js';

/** The store route's own metrics (a hook of its handler): readings stored, and batches and readings refused, by reason. */
export function countReadings({ status, input, event }: RequestOutcome): void {
  const batch = (input?.body as { electricityReadings?: unknown[] } | undefined)?.electricityReadings;
  const readings = batch ? batch.length : readingsInBody(event); // parsed already, unless it was refused early
  const reason = REFUSALS[status];
  if (status === 200) countMetric(METRIC.readingsStored, readings);
  else if (reason) {
    countMetric(METRIC.batchesRejected, 1, reason);
    countMetric(METRIC.readingsRejected, readings, reason);
  }
}

/** How many readings a store request carried (0 when its body is not a batch). */
function readingsInBody(event: RequestOutcome['event']): number {
  try {
    const readings = (jsonBody(event) as { electricityReadings?: unknown }).electricityReadings;
    return Array.isArray(readings) ? readings.length : 0;
  } catch {
    return 0;
  }
}
