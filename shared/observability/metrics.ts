import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { config } from '../config.js';

/**
 * What the product does, as CloudWatch metrics (embedded metric format, Powertools Metrics): published at the end of
 * every invocation in Lambda; off in tests (POWERTOOLS_METRICS_DISABLED); printed as one readable line per request
 * by the local server (METRICS_OUTPUT=readable).
 */
export const METRICS_NAMESPACE = 'JoiEnergy';
/** The `service` dimension a stage's functions publish under (POWERTOOLS_SERVICE_NAME), read by its alarms. */
export const serviceNameOf = (stage: string) => `joi-energy-${stage}`;

let instance: Metrics | undefined;
/** Made on first use, not at import: most requests count nothing, and a cold start should not pay for it. */
const metrics = () => (instance ??= new Metrics({ namespace: METRICS_NAMESPACE, serviceName: config().serviceName }));

/** Metric names, also used by the stack's alarms and dashboard. */
export const METRIC = {
  readingsStored: 'ReadingsStored',
  batchesRejected: 'BatchesRejected',
  readingsRejected: 'ReadingsRejected',
  authorizationDenied: 'AuthorizationDenied',
  dynamoDbRetries: 'DynamoDbRetries',
  storageUnavailable: 'StorageUnavailable',
  daysSummarized: 'DaysSummarized',
  daysFromSummaries: 'DaysFromSummaries',
  daysReadRaw: 'DaysReadRaw',
  lateDaysMarked: 'LateDaysMarked',
  fleetMeters: 'FleetMeters',
  silentMeters: 'SilentMeters',
  neverReportedMeters: 'NeverReportedMeters',
  silentMeterShare: 'SilentMeterShare',
  auditUnrecorded: 'AuditUnrecorded',
} as const;

/** Counts an event. A `reason` (why a request was refused) becomes a dimension of this invocation's metrics. */
let pending = false;
let reasonOfInvocation: string | undefined;

export function countMetric(name: string, value = 1, reason?: string): void {
  if (value <= 0) return;
  pending = true;
  if (reason !== undefined && reason !== reasonOfInvocation) {
    metrics().addDimension('reason', reason);
    reasonOfInvocation = reason;
  }
  metrics().addMetric(name, MetricUnit.Count, value);
}

/** Records a level, zero included (a count of silent meters must say 0, or its alarm sees no data). */
export function gaugeMetric(name: string, value: number, unit: 'Count' | 'Percent' = 'Count'): void {
  pending = true;
  metrics().addMetric(name, unit === 'Percent' ? MetricUnit.Percent : MetricUnit.Count, value);
}

/** Ends an invocation: publishes what was counted (or prints it readably, locally). */
export function flushMetrics(route: string): void {
  if (!pending) return; // nothing counted: publishing would only log Powertools' "no metrics" warning
  pending = false;
  reasonOfInvocation = undefined;
  if (config().metricsOutput === 'readable') {
    const emf = metrics().serializeMetrics() as unknown as Record<string, unknown> & { _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] } };
    const values = emf._aws.CloudWatchMetrics.flatMap((d) => d.Metrics.map((m) => `${m.Name}=${String(emf[m.Name])}`));
    if (values.length > 0) console.log(`  metrics ${route}: ${values.join(' ')}`);
    metrics().clearMetrics();
    metrics().clearDimensions();
    return;
  }
  metrics().publishStoredMetrics();
}
