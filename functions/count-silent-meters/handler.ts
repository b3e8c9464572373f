import { log } from '../../shared/observability/log.js';
import { flushMetrics, gaugeMetric, METRIC } from '../../shared/observability/metrics.js';
import { accountsStore, intervalsReader, now, readingsReader } from '../../shared/runtime.js';
import { FLEET_HEALTH_JOB } from './job.js';
import { countSilentMeters, type FleetHealth } from './use-case.js';


/**
 * Scheduled (EventBridge, hourly in AWS; a timer in `npm start`): counts the fleet's silent and never-reporting meters
 * and publishes them with the silent share, which an alarm watches. A failure throws, so the invocation is retried
 * and then lands in the dead-letter queue (docs/operations.md, the runbook).
 */
export async function handler(): Promise<FleetHealth> {
  const health = await countSilentMeters({ accounts: accountsStore(), readings: readingsReader(), intervals: intervalsReader(), now });
  gaugeMetric(METRIC.fleetMeters, health.meters);
  gaugeMetric(METRIC.silentMeters, health.silent);
  gaugeMetric(METRIC.neverReportedMeters, health.never);
  gaugeMetric(METRIC.silentMeterShare, health.silentShare, 'Percent');
  flushMetrics(FLEET_HEALTH_JOB.name);
  log('info', 'fleet health counted', { ...health });
  return health;
}
