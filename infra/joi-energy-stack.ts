import { readFileSync } from 'node:fs';
import { Annotations, CfnOutput, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { DEMO_ACCOUNTS } from '../shared/domain/accounts.js';
import { parseCatalogueJson, unknownPlanIds } from '../shared/domain/price-plan-catalogue.js';
import { ROUTES } from '../shared/http/routes.js';
import {
  ACCOUNTS_PARTITION_KEY,
  READINGS_PARTITION_KEY,
  READINGS_SORT_KEY,
} from '../shared/storage/dynamodb/table-layout.js';
import { ApiFunction } from './api-function.js';

export interface JoiEnergyStackProps extends StackProps {
  /** Steady requests per second across the API, and the burst above it. */
  throttle?: { rateLimit: number; burstLimit: number };
  /** A price plan catalogue (JSON) to bundle into the functions instead of the shipped default. */
  pricePlansFile?: string;
}

/** Construct id CDK gives the singleton Lambda behind every AwsCustomResource. */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

/** What each route's function may do, table by table: nothing more. */
const READINGS_ACTIONS = {
  read: ['dynamodb:Query'],
  write: ['dynamodb:UpdateItem'],
  delete: ['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
} as const;
const ACCOUNTS_ACTIONS = ['dynamodb:GetItem'];

export class JoiEnergyStack extends Stack {
  constructor(scope: Construct, id: string, props: JoiEnergyStackProps = {}) {
    super(scope, id, props);

    const tableDefaults = {
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    const readings = new Table(this, 'ReadingsTable', {
      ...tableDefaults,
      partitionKey: { name: READINGS_PARTITION_KEY, type: AttributeType.STRING },
      sortKey: { name: READINGS_SORT_KEY, type: AttributeType.NUMBER },
    });
    const accounts = new Table(this, 'AccountsTable', {
      ...tableDefaults,
      partitionKey: { name: ACCOUNTS_PARTITION_KEY, type: AttributeType.STRING },
    });

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const api = new HttpApi(this, 'HttpApi', { apiName: 'joi-energy', createDefaultStage: false });
    const stage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 500, burstLimit: 1000 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    // The catalogue is validated here, so a bad one fails synth naming the bad entry, and compiled into every bundle.
    const define: Record<string, string> = {};
    if (props.pricePlansFile) {
      const json = readFileSync(props.pricePlansFile, 'utf8');
      const plans = parseCatalogueJson(json, props.pricePlansFile);
      for (const account of unknownPlanIds(plans, DEMO_ACCOUNTS)) {
        Annotations.of(this).addWarningV2(
          'joi:unknown-price-plan',
          `demo account ${account.smartMeterId} is on price plan '${account.pricePlanId}', which ${props.pricePlansFile} does not hold`,
        );
      }
      define.__PRICE_PLAN_CATALOGUE__ = JSON.stringify(json);
    }

    const environment = { READINGS_TABLE_NAME: readings.tableName, ACCOUNTS_TABLE_NAME: accounts.tableName };
    for (const route of ROUTES) {
      const fn = new ApiFunction(this, `${route.operationId}Function`, { handler: route.handler, environment, define });
      fn.addToRolePolicy(new PolicyStatement({ actions: [...READINGS_ACTIONS[route.readingsAccess]], resources: [readings.tableArn] }));
      fn.addToRolePolicy(new PolicyStatement({ actions: ACCOUNTS_ACTIONS, resources: [accounts.tableArn] }));
      api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.operationId}Integration`, fn),
      });
    }

    // The demo customers are part of the product: written once, when the accounts table is created, so a plan
    // switched later is never overwritten by a redeploy.
    new AwsCustomResource(this, 'SeedDemoAccounts', {
      onCreate: {
        service: 'DynamoDB',
        action: 'batchWriteItem',
        parameters: {
          RequestItems: {
            [accounts.tableName]: DEMO_ACCOUNTS.map((a) => ({
              PutRequest: { Item: { [ACCOUNTS_PARTITION_KEY]: { S: a.smartMeterId }, pricePlanId: { S: a.pricePlanId } } },
            })),
          },
        },
        physicalResourceId: PhysicalResourceId.of('demo-accounts'),
      },
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: [accounts.tableArn] }),
      installLatestAwsSdk: false,
    });

    new CfnOutput(this, 'ApiUrl', { value: stage.url, description: 'Base URL of the JOI Energy API' });

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Public by product decision for now: meters and customers have no identities yet; API Gateway authorizers are the planned next step, and stage throttling bounds abuse meanwhile.',
    });
    // AwsCustomResource runs on one stack-wide provider Lambda whose role CDK creates with the basic execution policy.
    const seedProvider = this.node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
    if (seedProvider) {
      Validations.of(seedProvider).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's provider for the one-shot demo-account seed: the managed policy only lets it write its own CloudWatch logs; its table access is a separate inline policy limited to the accounts table.",
      });
    }
  }
}
