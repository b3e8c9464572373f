import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { METRIC, METRICS_NAMESPACE } from '../shared/observability/metrics.js';

/** The silent share that alarms (see docs/operations.md for why 5%). */
export const SILENT_SHARE_ALARM_PERCENT = 5;

/** The DynamoDB operations the product uses (an alarm's math may sum at most 10 metrics). */
const OPERATIONS = [
  Operation.GET_ITEM,
  Operation.PUT_ITEM,
  Operation.UPDATE_ITEM,
  Operation.DELETE_ITEM,
  Operation.QUERY,
  Operation.SCAN,
  Operation.BATCH_GET_ITEM,
  Operation.BATCH_WRITE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

export interface MonitoringProps {
  /** The deployment stage: alarm and dashboard names carry it. */
  stage: string;
  api: HttpApi;
  stageName: string;
  /** Each route's function by operation id, plus the authorizer. */
  functions: Record<string, IFunction>;
  tables: Table[];
  /** The scheduled fleet-health job, its dead-letter queue and how often it runs. */
  fleetHealth: { job: IFunction; deadLetters: IQueue; everyMinutes: number };
  /** Where every alarm goes: addresses subscribed to the stage's topic, and/or an existing topic (the stage file's `alarms`). */
  alarms?: { emails: string[]; topicArn?: string };
  /** The `service` dimension the stage's functions publish their metrics under. */
  serviceName: string;
}

/**
 * Alarms on what users feel, one SNS topic for all of them, and a dashboard of the same signals. Thresholds (the
 * docs/operations.md explains each): 5xx above 1% of requests for 10 minutes; a route's p99 above 3 s for 15 minutes;
 * any Lambda error or throttle; DynamoDB throttling that the retries could not absorb, or any system error.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  /** An alarm of this stack by its id (e.g. `compareAllErrors`). */
  alarmNamed(alarmId: string): Alarm {
    const found = this.node.tryFindChild(alarmId);
    if (!(found instanceof Alarm)) throw new Error(`no alarm ${alarmId}`);
    return found;
  }

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'AlarmTopic', { displayName: `JOI Energy alarms (${props.stage})`, enforceSSL: true });
    for (const email of props.alarms?.emails ?? []) this.topic.addSubscription(new EmailSubscription(email));
    const actions = [
      new SnsAction(this.topic),
      ...(props.alarms?.topicArn ? [new SnsAction(Topic.fromTopicArn(this, 'AlarmDestination', props.alarms.topicArn))] : []),
    ];
    // At or above the threshold, and no data is fine; an alarm on something that must keep arriving says otherwise.
    const alarm = (alarmId: string, metric: IMetric, threshold: number, evaluationPeriods: number, description: string, whenBelow = false) => {
      const created = new Alarm(this, alarmId, {
        alarmName: `joi-energy-${props.stage}-${alarmId}`,
        alarmDescription: `${description} Runbook: docs/operations.md, ${alarmId}.`,
        metric,
        threshold,
        evaluationPeriods,
        comparisonOperator: whenBelow ? ComparisonOperator.LESS_THAN_THRESHOLD : ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: whenBelow ? TreatMissingData.BREACHING : TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(...actions);
      created.addOkAction(...actions);
      this.alarms.push(created);
      return created;
    };

    const five = Duration.minutes(5);
    const apiDims = { ApiId: props.api.apiId, Stage: props.stageName };
    const apiMetric = (metricName: string, statistic = 'Sum') => new Metric({ namespace: 'AWS/ApiGateway', metricName, dimensionsMap: apiDims, statistic, period: five });
    const errorRate = new MathExpression({
      // IF, as CloudWatch documents it: no division by zero in a quiet period (MAX is documented over time series only).
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: { errors: apiMetric('5xx'), requests: apiMetric('Count') },
      label: 'API 5xx (% of requests)',
      period: five,
    });
    alarm('Api5xxRate', errorRate, 1, 2, 'More than 1% of API requests answered 5xx for 10 minutes.');

    const latencyWidgets: IMetric[] = [];
    const errorWidgets: IMetric[] = [];
    for (const [name, fn] of Object.entries(props.functions)) {
      const p99 = fn.metricDuration({ statistic: 'p99', period: five, label: name });
      latencyWidgets.push(p99);
      alarm(`${name}P99Latency`, p99, 3000, 3, `${name}: p99 duration at or above 3 s for 15 minutes.`);
      const errors = fn.metricErrors({ period: five, label: `${name} errors` });
      errorWidgets.push(errors);
      alarm(`${name}Errors`, errors, 1, 1, `${name}: the function failed (crash or timeout), not an answered error.`);
    }
    // Throttling is the account's concurrency running out, shared by every function: one alarm on the account's
    // metric, not one per function (the stack stays well inside CloudFormation's 500 resources).
    alarm('LambdaThrottles', new Metric({ namespace: 'AWS/Lambda', metricName: 'Throttles', statistic: 'Sum', period: five }), 1, 1, "Lambda throttled invocations: the account's concurrency is used up.");

    const tableWidgets: GraphWidget[] = [];
    for (const table of props.tables) {
      const name = table.node.id;
      const throttled = table.metricThrottledRequestsForOperations({ operations: OPERATIONS, period: five, label: `${name} throttled` });
      const system = table.metricSystemErrorsForOperations({ operations: OPERATIONS, period: five, label: `${name} system errors` });
      tableWidgets.push(
        new GraphWidget({ title: `${name}: throttled requests`, left: [throttled], width: 4 }),
        new GraphWidget({ title: `${name}: system errors`, left: [system], width: 4 }),
      );
      alarm(`${name}Throttled`, throttled, 50, 2, `${name}: DynamoDB throttled 50+ requests in each of 10 minutes (retries hide a few; this many means users wait or get 503).`);
      alarm(`${name}SystemErrors`, system, 1, 1, `${name}: DynamoDB reported internal errors.`);
    }

    // Fleet health: the job's own alarms (its run takes minutes, so no latency alarm), and the silent share.
    const every = Duration.minutes(props.fleetHealth.everyMinutes);
    const { job, deadLetters } = props.fleetHealth;
    alarm('CountSilentMetersErrors', job.metricErrors({ period: every }), 1, 1, 'The fleet-health job failed (it is retried twice, then its event goes to the dead-letter queue).');
    alarm(
      'CountSilentMetersDeadLetters',
      deadLetters.metricApproximateNumberOfMessagesVisible({ period: five, statistic: 'Maximum' }),
      1,
      1,
      'A fleet-health run failed three times: the silent-meter metric is stale until it runs again.',
    );
    const fleet = (metricName: string, statistic = 'Maximum') =>
      new Metric({ namespace: METRICS_NAMESPACE, metricName, statistic, period: every, dimensionsMap: { service: props.serviceName } });
    const silentShare = fleet(METRIC.silentMeterShare);
    alarm('SilentMeterShare', silentShare, SILENT_SHARE_ALARM_PERCENT, 2, `${SILENT_SHARE_ALARM_PERCENT}% or more of the fleet silent for a day, two runs in a row: a fault shared by many meters (communications, our ingest), not one household.`);
    // No run, no data: a job that stops publishing is itself an alarm, not a quiet dashboard.
    alarm('FleetHealthMissing', fleet(METRIC.fleetMeters, 'SampleCount'), 1, 3, 'The fleet-health job published nothing for 3 runs: silent meters are not being counted.', true);

    const product = (metricName: string) => new Metric({ namespace: METRICS_NAMESPACE, metricName, statistic: 'Sum', period: five, dimensionsMap: { service: props.serviceName } });
    // A change made whose audit record could not be written: the record is in the function's log, to be put back.
    alarm('AuditUnrecorded', product(METRIC.auditUnrecorded), 1, 1, 'An action was made but its audit record could not be written: it is in the log (auditUnrecorded); put it in the audit table.');
    // Refusals carry a `reason` dimension: one line per reason.
    const byReason = (metricName: string) =>
      new MathExpression({ expression: `SEARCH('{${METRICS_NAMESPACE},reason,service} MetricName="${metricName}" service="${props.serviceName}"', 'Sum', 300)`, label: metricName, period: five });
    const dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `joi-energy-${props.stage}` });
    dashboard.applyRemovalPolicy(RemovalPolicy.DESTROY);
    dashboard.addWidgets(
      new TextWidget({ markdown: '# JOI Energy API\nAlarms go to the SNS topic; docs/operations.md says what each means.', width: 24, height: 2 }),
      new GraphWidget({ title: 'API requests and 5xx rate', left: [apiMetric('Count')], right: [errorRate], width: 12 }),
      new GraphWidget({ title: 'p99 duration per route (ms)', left: latencyWidgets, width: 12 }),
      new GraphWidget({ title: 'Lambda errors', left: errorWidgets, width: 12 }),
      new GraphWidget({ title: 'Lambda throttles', left: Object.values(props.functions).map((fn) => fn.metricThrottles({ period: five })), width: 12 }),
      ...tableWidgets,
      new GraphWidget({
        title: 'Readings stored and refused, denials, retries',
        left: [product(METRIC.readingsStored)],
        right: [byReason(METRIC.batchesRejected), byReason(METRIC.authorizationDenied), product(METRIC.dynamoDbRetries), product(METRIC.storageUnavailable)],
        width: 24,
      }),
      new GraphWidget({ title: 'Silent meters (count) and share of the fleet (%)', left: [fleet(METRIC.silentMeters), fleet(METRIC.neverReportedMeters)], right: [silentShare], width: 24 }),
    );
  }
}
