import { readFileSync } from 'node:fs';
import { Annotations, Aspects, Aws, CfnOutput, CustomResource, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { AccountRecovery, CfnUserPoolGroup, FeaturePlan, LambdaVersion, Mfa, OAuthScope, ResourceServerScope, UserPool, UserPoolEmail, UserPoolOperation } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Alias, ApplicationLogLevel } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import type { Construct } from 'constructs';
import { DEMO_ACCOUNTS } from '../shared/domain/accounts.js';
import { DEFAULT_CATALOGUE } from '../shared/catalogue/default-catalogue.js';
import { parseCatalogueJson, unknownPlanIds } from '../shared/domain/price-plan-catalogue.js';
import { OPERATORS_GROUP } from '../shared/http/caller.js';
import { MACHINE_SCOPES, RESOURCE_SERVER } from '../shared/domain/authorization.js';
import { AUTHORIZER_FOLDER, FLEET_HEALTH_JOB, OPERATOR_MFA_GATE_FOLDER, ROUTES, SEED_TABLES_JOB } from '../functions/routes.js';
import type { SeedTablesProperties } from '../functions/seed-tables/handler.js';
import { TABLE_VARIABLES } from '../shared/config.js';
import { authorizerOf, type StoreGrants } from '../shared/http/route-entry.js';
import {
  ACCOUNT_LIST_ATTRIBUTES,
  ACCOUNTS_BY_CUSTOMER,
  AUDIT_BY_METER,
  AUDIT_PARTITION_KEY,
  AUDIT_SORT_KEY,
  type IndexLayout,
  ACCOUNTS_PARTITION_KEY,
  METER_KEYS_PARTITION_KEY,
  PRICE_PLANS_PARTITION_KEY,
  PRICE_PLANS_SORT_KEY,
  SUMMARIES_PARTITION_KEY,
  SUMMARIES_SORT_KEY,
  READINGS_PARTITION_KEY,
  READINGS_SORT_KEY,
} from '../shared/storage/dynamodb/table-layout.js';
import { OPS_CLI_REDIRECT } from '../cli/ops-login.js';
import { ApiFunction } from './api-function.js';
import { RoleInvokedLambdaIntegration } from './role-invoked-integration.js';
import { NoRedundantRoleDependency } from './function-dependencies.js';
import { placeholdersIn, type StageConfig } from './stage-config.js';
import { limitsForFleet, PUBLIC_ROUTE, quotaWarnings, type RouteLimit } from './throttling.js';
import { serviceNameOf } from '../shared/observability/metrics.js';
import { Monitoring } from './monitoring.js';
import { GradualDeploys } from './gradual-deploys.js';
import { TableBackups } from './table-backups.js';
import { WebApp } from './web-app.js';

/** A stage's settings (`infra/stages/<stage>.json`, see stage-config.ts), all optional for tests. */
export interface JoiEnergyStackProps extends StackProps, Partial<Omit<StageConfig, 'logLevel' | 'callbackUrls'>> {
  /** The stage (default dev): part of every physical name, so stages share an account without colliding. */
  stage?: string;
  /** The functions' application log level (a stage's `logLevel`). */
  logLevel?: StageConfig['logLevel'];
  /** Where the sign-in may return to (the web app's URLs) besides its own. */
  callbackUrls?: string[];
  /** false: no function is built (a template for checks only; never deploy it). */
  bundling?: false;
}

/** Construct id CDK gives the singleton Lambda behind every AwsCustomResource. */
const AWS_CUSTOM_RESOURCE_PROVIDER_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

/** What each grant of a route's entry allows, table by table (on the table, or on one of its indexes): nothing more. */
type Grant = { actions: string[]; on?: string; conditions?: Record<string, Record<string, unknown>> };
export const GRANTS: { [T in keyof StoreGrants]-?: Record<NonNullable<StoreGrants[T]>, Grant[]> } = {
  readings: {
    read: [{ actions: ['dynamodb:Query'] }],
    write: [{ actions: ['dynamodb:UpdateItem'] }],
    delete: [{ actions: ['dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'] }],
    // Interval meters' days: read (strongly consistent) before a conditional write that replaces what was read.
    replace: [{ actions: ['dynamodb:Query', 'dynamodb:UpdateItem'] }],
  },
  // Late writes read their days' states (a lease may already cover them) and mark days; readers read the days' states
  // and half hours and store the summaries they make.
  summaries: {
    mark: [{ actions: ['dynamodb:Query', 'dynamodb:UpdateItem'] }],
    use: [{ actions: ['dynamodb:Query', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] }],
  },
  accounts: {
    read: [{ actions: ['dynamodb:GetItem'] }],
    // A customer's meters: one Query of the index (it projects no key hash); an operator's page: one Scan of the
    // table, allowed only for the attributes an account answer shows, never the key hash.
    list: [
      { actions: ['dynamodb:Query'], on: ACCOUNTS_BY_CUSTOMER.indexName },
      {
        actions: ['dynamodb:Scan'],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...ACCOUNT_LIST_ATTRIBUTES] }, StringEqualsIfExists: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' } },
      },
    ],
    switch: [{ actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] }],
    // Onboarding puts a new account (in one transaction with its key; an export meter also reads its import meter
    // and names itself there in the same transaction); rotation reads it and updates its key hash.
    create: [{ actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] }],
    rekey: [{ actions: ['dynamodb:GetItem', 'dynamodb:UpdateItem'] }],
  },
  meterKeys: {
    create: [{ actions: ['dynamodb:PutItem'] }],
    replace: [{ actions: ['dynamodb:PutItem', 'dynamodb:DeleteItem'] }],
    'personal-read': [{ actions: ['dynamodb:GetItem'] }],
    // The key item (put new, deleted on revocation) and the customer's list item (updated), in one transaction.
    'personal-manage': [{ actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] }],
  },
  // Readers query the catalogue partition and a plan's days of prices; writers read what they change (strongly
  // consistent) and write conditionally (a publication's days in one transaction of Puts).
  pricePlans: {
    read: [{ actions: ['dynamodb:Query'] }],
    write: [{ actions: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem'] }],
  },
  // The audit trail is append-only: a new record's PutItem (on the condition its key is new), never an update or a
  // delete; readers query the months and the by-meter index.
  audit: {
    append: [{ actions: ['dynamodb:PutItem'] }],
    read: [{ actions: ['dynamodb:Query'] }, { actions: ['dynamodb:Query'], on: AUDIT_BY_METER.indexName }],
  },
};
/** The alias API Gateway calls on every route's function: CodeDeploy moves it from version to version. */
export const LIVE_ALIAS = 'live';
/** The authorizer's one read per uncached check. */
const AUTHORIZER_ACTIONS = ['dynamodb:GetItem'];
/** How long API Gateway keeps an authorizer's answer per Authorization header: a rotated key works this long. */
const AUTHORIZER_CACHE = Duration.seconds(300);

export class JoiEnergyStack extends Stack {
  constructor(scope: Construct, id: string, props: JoiEnergyStackProps = {}) {
    super(scope, id, props);
    // Before any function exists: the nearest context wins over the CLI's "bundle every stack".
    if (props.bundling === false) this.node.setContext('aws:cdk:bundling-stacks', []);
    const stage = props.stage ?? 'dev';
    Aspects.of(this).add(new NoRedundantRoleDependency());
    const logLevel = props.logLevel ? ApplicationLogLevel[props.logLevel] : undefined;
    // Every function publishes its metrics under the stage's own service name, which the stage's alarms read.
    const serviceName = serviceNameOf(stage);
    const fleetLimits = props.fleet && limitsForFleet(props.fleet);
    for (const warning of fleetLimits ? quotaWarnings(fleetLimits) : []) Annotations.of(this).addWarningV2('joi:account-quota', warning);
    if (props.production) {
      for (const setting of placeholdersIn(props as StageConfig)) {
        Annotations.of(this).addWarningV2('joi:placeholder', `${setting} is the committed placeholder: replace it with your own before deploying (docs/deploying.md)`);
      }
    }

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
    // An index as the layout declares it (as local/tables.ts builds it): string keys, INCLUDE of the attributes named, else ALL.
    const addIndex = (table: Table, index: IndexLayout) =>
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(index.projectedAttributes ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projectedAttributes] } : { projectionType: ProjectionType.ALL }),
      });
    addIndex(accounts, ACCOUNTS_BY_CUSTOMER);
    const summaries = new Table(this, 'SummariesTable', {
      ...tableDefaults,
      partitionKey: { name: SUMMARIES_PARTITION_KEY, type: AttributeType.STRING },
      sortKey: { name: SUMMARIES_SORT_KEY, type: AttributeType.STRING },
    });
    const meterKeys = new Table(this, 'MeterKeysTable', {
      ...tableDefaults,
      partitionKey: { name: METER_KEYS_PARTITION_KEY, type: AttributeType.STRING },
    });
    const pricePlans = new Table(this, 'PricePlansTable', {
      ...tableDefaults,
      partitionKey: { name: PRICE_PLANS_PARTITION_KEY, type: AttributeType.STRING },
      sortKey: { name: PRICE_PLANS_SORT_KEY, type: AttributeType.STRING },
    });
    // Who changed what: retained, PITR and deletion protection as every table; the API may only append to it.
    const audit = new Table(this, 'AuditTable', {
      ...tableDefaults,
      partitionKey: { name: AUDIT_PARTITION_KEY, type: AttributeType.STRING },
      sortKey: { name: AUDIT_SORT_KEY, type: AttributeType.STRING },
    });
    addIndex(audit, AUDIT_BY_METER);

    new TableBackups(this, 'Backups', { stage, tables: [readings, accounts, summaries, meterKeys, pricePlans, audit], copyVaultArn: props.backupCopyVaultArn });

    // Customers and operators: a Cognito user pool nobody signs up to by themselves; operators are a group.
    const userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true, username: true },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
      // Essentials: the V2_0 pre-token-generation event, the only one that changes the access token's groups (the MFA
      // gate below); Lite's V1_0 changes the ID token only. Priced per monthly active user (docs/deploying.md, "Operators and MFA").
      featurePlan: FeaturePlan.ESSENTIALS,
      // Invitations and password resets through SES: Cognito's own sender stops at about 50 e-mails a day.
      ...(props.email && {
        email: UserPoolEmail.withSES({
          fromEmail: props.email.from,
          fromName: props.email.fromName,
          replyTo: props.email.replyTo,
          sesRegion: props.email.sesRegion,
          sesVerifiedDomain: props.email.sesVerifiedDomain,
        }),
      }),
    });
    new CfnUserPoolGroup(this, 'OperatorsGroup', { userPoolId: userPool.userPoolId, groupName: OPERATORS_GROUP, description: 'May do everything, for any meter, and onboard meters' });
    const authDomain = userPool.addDomain('SignInDomain', { cognitoDomain: { domainPrefix: `joi-energy-${stage}-${this.account}` } });
    const issuer = `https://cognito-idp.${this.region}.amazonaws.com/${userPool.userPoolId}`;
    Validations.of(userPool).acknowledge(
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection (the Plus feature plan) is billed per monthly active user; for a start-up the strong password policy, no self sign-up and optional TOTP MFA are the baseline. Turn it on with featurePlan: PLUS when the customer base justifies it.',
      },
      {
        id: 'AwsSolutions-COG2',
        reason:
          "MFA is optional (TOTP) so that households without an authenticator app can still see their usage; operators' rights need it: the pre-token-generation trigger leaves the operators group out of the tokens of anyone without MFA.",
      },
    );
    // Operators' rights only with MFA: before Cognito issues a person's tokens (sign-in and every refresh), the trigger
    // drops the operators group unless the person has an authenticator app set up (docs/deploying.md, "Operators and MFA").
    const mfaGate = new ApiFunction(this, 'OperatorMfaGateFunction', { folder: OPERATOR_MFA_GATE_FOLDER, logLevel, serviceName, environment: {} });
    // The pool's own ARN cannot be named here (the pool refers to the trigger, which would refer to the pool): any pool
    // of this account and region, one read-only call.
    mfaGate.addToRolePolicy(
      new PolicyStatement({ actions: ['cognito-idp:AdminGetUser'], resources: [`arn:${Aws.PARTITION}:cognito-idp:${Aws.REGION}:${Aws.ACCOUNT_ID}:userpool/*`] }),
    );
    userPool.addTrigger(UserPoolOperation.PRE_TOKEN_GENERATION_CONFIG, mfaGate, LambdaVersion.V2_0);
    Validations.of(mfaGate.role!).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cognito-idp:<AWS::Region>:<AWS::AccountId>:userpool/*]',
      reason: "AdminGetUser only (read a user's MFA settings); the pool's ARN would make a circular dependency between the pool and its trigger.",
    });

    // Supplier systems (price feeds, onboarding, history imports) sign in as machines: the client-credentials grant,
    // with scopes of the API's resource server that the routes' access rules admit (docs/deploying.md, "Machine clients").
    // Every app client: hour-long access tokens, and no answer that tells whether a user exists.
    const clientDefaults = { accessTokenValidity: Duration.hours(1), preventUserExistenceErrors: true };
    const apiScopes = MACHINE_SCOPES.map((scope) => new ResourceServerScope({ scopeName: scope, scopeDescription: `JOI Energy API: ${scope}` }));
    const resourceServer = userPool.addResourceServer('ApiResourceServer', { identifier: RESOURCE_SERVER, userPoolResourceServerName: `joi-energy-${stage}`, scopes: apiScopes });
    const machineClient = userPool.addClient('SupplierSystemsClient', {
      generateSecret: true, // made by Cognito, never in the template: `aws cognito-idp describe-user-pool-client` shows it
      oAuth: { flows: { clientCredentials: true }, scopes: apiScopes.map((scope) => OAuthScope.resourceServer(resourceServer, scope)) },
      ...clientDefaults,
    });
    // Operators at a terminal: `npm run ops -- login`, the code + PKCE flow with a loopback redirect, no secret.
    const opsClient = userPool.addClient('OpsCliClient', {
      generateSecret: false,
      // aws.cognito.signin.user.admin: `npm run ops -- mfa-setup` enrols an authenticator app with the person's own token.
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE, OAuthScope.COGNITO_ADMIN],
        callbackUrls: [OPS_CLI_REDIRECT],
        logoutUrls: [OPS_CLI_REDIRECT],
      },
      ...clientDefaults,
    });

    // Who called what, and how it was answered: kept a year, and kept when the stack is deleted (a dispute or an
    // investigation may come later). The functions' own logs are for operating the API: a month, with the stack.
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    const api = new HttpApi(this, 'HttpApi', { apiName: `joi-energy-${stage}`, createDefaultStage: false });
    const apiStage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      // Routes not named below (every read route) get the reads' limits; without a fleet, the stage file's throttle.
      throttle: fleetLimits?.reads ?? props.throttle ?? { rateLimit: 500, burstLimit: 1000 },
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

    // The web app: CloudFront in front of a private bucket and of this API, so the app calls the API same-origin.
    const webApp = new WebApp(this, 'WebApp', { api, signInBaseUrl: authDomain.baseUrl(), routes: ROUTES });
    // Sign-in returns to the web app (and to a local `AUTH=on npm start` pointed at this pool, or the given URLs).
    const signInReturns = [webApp.url, ...(props.callbackUrls ?? ['http://localhost:5000/'])];
    const appClient = userPool.addClient('WebAppClient', {
      generateSecret: false, // a browser app: authorization code + PKCE, no secret
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: signInReturns,
        logoutUrls: signInReturns,
      },
      ...clientDefaults,
    });
    webApp.deploy({ signInBaseUrl: authDomain.baseUrl(), clientId: appClient.userPoolClientId, opsClientId: opsClient.userPoolClientId }, ROUTES);
    const tokenClients = [appClient, opsClient, machineClient].map((client) => client.userPoolClientId);

    // The catalogue is validated here, so a bad one fails synth naming the bad entry; it seeds the price plans table
    // once, when the table is created. After that the table is the truth: plans change through the API.
    const demoAccounts = props.demoAccounts ?? !props.production;
    const catalogue = props.pricePlansFile ? parseCatalogueJson(readFileSync(props.pricePlansFile, 'utf8'), props.pricePlansFile) : DEFAULT_CATALOGUE;
    for (const account of demoAccounts ? unknownPlanIds(catalogue, DEMO_ACCOUNTS) : []) {
      Annotations.of(this).addWarningV2(
        'joi:unknown-price-plan',
        `demo account ${account.smartMeterId} is on price plan '${account.pricePlanId}', which ${props.pricePlansFile} does not hold`,
      );
    }

    // Meters: the meter-key authorizer (it also recognises operators' tokens, since operators may store readings).
    const authorizerFunction = new ApiFunction(this, 'MeterKeyAuthorizerFunction', {
      folder: AUTHORIZER_FOLDER,
      logLevel,
      serviceName,
      environment: { METER_KEYS_TABLE_NAME: meterKeys.tableName, JWT_ISSUER: issuer, JWT_CLIENT_IDS: Fn.join(',', tokenClients) },
    });
    authorizerFunction.addToRolePolicy(new PolicyStatement({ actions: AUTHORIZER_ACTIONS, resources: [meterKeys.tableArn] }));
    const meterAuthorizer = new HttpLambdaAuthorizer('MeterKeyAuthorizer', authorizerFunction, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      resultsCacheTtl: fleetLimits ? Duration.seconds(fleetLimits.authorizerCacheSeconds) : AUTHORIZER_CACHE,
    });
    // Customers and operators: API Gateway's own JWT authorizer, no Lambda involved.
    const tokenAuthorizer = new HttpJwtAuthorizer('AccessTokenAuthorizer', issuer, { jwtAudience: tokenClients });

    const tables = { readings, accounts, summaries, meterKeys, pricePlans, audit };
    // The MFA gate is watched like the routes: when it fails, nobody can sign in.
    const functions: Record<string, ApiFunction> = { authorizer: authorizerFunction, operatorMfaGate: mfaGate };
    // A function's stores say which tables it uses and how: it gets those tables' names and those actions, nothing else.
    const storesFunction = (id: string, folder: string, stores: StoreGrants, timeout?: Duration) => {
      const granted = Object.keys(stores) as (keyof StoreGrants)[];
      const fn = new ApiFunction(this, id, {
        folder,
        logLevel,
        serviceName,
        environment: Object.fromEntries(granted.map((table) => [TABLE_VARIABLES[table], tables[table].tableName])),
        timeout,
      });
      for (const table of granted) {
        const grants = (GRANTS[table] as Record<string, Grant[]>)[stores[table]!]!;
        for (const { actions, on, conditions } of grants) {
          const resource = on ? `${tables[table].tableArn}/index/${on}` : tables[table].tableArn;
          fn.addToRolePolicy(new PolicyStatement({ actions, resources: [resource], conditions }));
        }
      }
      return fn;
    };
    // The key page cursors are signed with (shared/http/page-cursor.ts): made by Secrets Manager, never in the
    // template, resolved into the paging routes' environment at deploy.
    const cursorSecret = new Secret(this, 'PageCursorSecret', {
      description: `JOI Energy ${stage}: the HMAC key of page cursors (rotating it only restarts paging)`,
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'The HMAC key of page cursors: rotating it only makes open cursors start again; it guards no data. Rotate by hand (update the secret, redeploy) if it ever leaks.',
    });
    // Each route's function is published as a version behind its `live` alias, which API Gateway calls: a deploy
    // moves the alias gradually (GradualDeploys, below). The authorizer and the jobs are called unaliased, as before.
    const liveAliases: Record<string, Alias> = {};
    // API Gateway invokes the routes' aliases with this one role (role-invoked-integration.ts).
    const apiInvoker = new Role(this, 'ApiInvokeRole', { assumedBy: new ServicePrincipal('apigateway.amazonaws.com') });
    for (const route of ROUTES) {
      const fn = storesFunction(`${route.operationId}Function`, route.folder, route.stores);
      if (route.pageCursors) fn.addEnvironment('CURSOR_SECRET', cursorSecret.secretValue.unsafeUnwrap());
      functions[route.operationId] = fn;
      const live = new Alias(this, `${route.operationId}Live`, { aliasName: LIVE_ALIAS, version: fn.currentVersion });
      liveAliases[route.operationId] = live;
      const guard = authorizerOf(route);
      const [httpRoute] = api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new RoleInvokedLambdaIntegration(`${route.operationId}Integration`, live, apiInvoker),
        authorizer: guard === 'meter-key' ? meterAuthorizer : guard === 'none' ? new HttpNoneAuthorizer() : tokenAuthorizer,
      });
      if (guard === 'none') {
        Validations.of(httpRoute!).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: route.octopusCompatible
            ? `${route.method} ${route.path} is public by design, as Octopus's own tariff data is: it reads the public catalogue and published prices only and stores nothing; it has its own route throttle (infra/throttling.ts PUBLIC_ROUTE).`
            : `${route.method} ${route.path} is public by design: it costs a household's own file against the public catalogue, reads no stored data and stores nothing; it has its own route throttle (infra/throttling.ts PUBLIC_ROUTE).`,
        });
      }
    }
    // Per-route limits from the fleet: ingestion, reads (the stage's default above) and writes each have their own; a
    // public route has its own fixed limit on every stage.
    {
      const limitOf = (route: (typeof ROUTES)[number]): RouteLimit | undefined => {
        const guard = authorizerOf(route);
        if (guard === 'none') return PUBLIC_ROUTE;
        if (!fleetLimits) return undefined;
        return route.access.audiences.includes('meter') ? fleetLimits.ingest : route.method === 'GET' ? undefined : fleetLimits.writes;
      };
      (apiStage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
        ROUTES.flatMap((route) => {
          const limit = limitOf(route);
          return limit ? [[`${route.method} ${route.path}`, { ThrottlingRateLimit: limit.rateLimit, ThrottlingBurstLimit: limit.burstLimit }]] : [];
        }),
      );
    }

    // The catalogue (plans first, the settings item last) and, outside production, the demo accounts: seeded by one
    // custom resource of our own that only ever writes conditionally, so running it again over live data (a redeploy,
    // `cdk import`, a renamed construct) changes nothing. After that the tables are the truth: they change through the API.
    const seed = storesFunction('SeedTablesFunction', SEED_TABLES_JOB.name, SEED_TABLES_JOB.stores, Duration.minutes(5));
    const seedProperties: SeedTablesProperties = { catalogue: JSON.stringify(catalogue), demoAccounts: demoAccounts ? 'true' : 'false' };
    new CustomResource(this, 'SeedTables', { serviceToken: seed.functionArn, resourceType: 'Custom::SeedTables', properties: { ...seedProperties } });

    // Fleet health: hourly, every meter's newest readings item read and the silent ones counted (docs/operations.md, "Meter
    // health"). A failed run is retried twice by Lambda, then lands in the dead-letter queue, which has an alarm.
    const fleetHealth = storesFunction('CountSilentMetersFunction', FLEET_HEALTH_JOB.name, FLEET_HEALTH_JOB.stores, Duration.minutes(15));
    const fleetHealthFailures = new Queue(this, 'CountSilentMetersDeadLetters', {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: QueueEncryption.SQS_MANAGED,
    });
    Validations.of(fleetHealthFailures).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself the dead-letter queue of the fleet-health job.' });
    fleetHealth.configureAsyncInvoke({ retryAttempts: 2, maxEventAge: Duration.hours(1), onFailure: new SqsDestination(fleetHealthFailures) });
    new Rule(this, 'CountSilentMetersSchedule', {
      schedule: Schedule.rate(Duration.minutes(FLEET_HEALTH_JOB.everyMinutes)),
      targets: [new LambdaFunction(fleetHealth, { deadLetterQueue: fleetHealthFailures, retryAttempts: 2, maxEventAge: Duration.hours(1) })],
    });

    // One run as soon as the stack is created, so FleetHealthMissing has a datapoint instead of starting in ALARM
    // until the first hourly run.
    const firstFleetHealthRun = new AwsCustomResource(this, 'FirstFleetHealthRun', {
      onCreate: {
        service: 'Lambda',
        action: 'invoke',
        parameters: { FunctionName: fleetHealth.functionName, InvocationType: 'Event' },
        physicalResourceId: PhysicalResourceId.of('first-fleet-health-run'),
      },
      policy: AwsCustomResourcePolicy.fromStatements([new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fleetHealth.functionArn] })]),
      installLatestAwsSdk: false,
    });

    const monitoring = new Monitoring(this, 'Monitoring', {
      stage,
      api,
      stageName: apiStage.stageName,
      functions,
      tables: [readings, summaries, accounts, meterKeys, pricePlans, audit],
      fleetHealth: { job: fleetHealth, deadLetters: fleetHealthFailures, everyMinutes: FLEET_HEALTH_JOB.everyMinutes },
      alarms: props.alarms,
      serviceName,
    });
    monitoring.node.addDependency(firstFleetHealthRun);
    new GradualDeploys(this, 'GradualDeploys', {
      stage,
      trafficShift: props.trafficShift ?? (props.production ? 'Canary10Percent5Minutes' : 'AllAtOnce'),
      routes: ROUTES.map(({ operationId: name }) => ({ name, live: liveAliases[name]!, alarms: [monitoring.alarmNamed(`${name}Errors`), monitoring.alarmNamed(`${name}P99Latency`)] })),
    });

    new CfnOutput(this, 'WebAppUrl', { value: webApp.url, description: "The customers' web app (and the API, same origin)" });
    new CfnOutput(this, 'ApiUrl', { value: apiStage.url, description: 'Base URL of the JOI Energy API' });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId, description: 'Cognito user pool of customers and operators' });
    new CfnOutput(this, 'UserPoolClientId', { value: appClient.userPoolClientId, description: 'The web app client (code + PKCE, no secret)' });
    new CfnOutput(this, 'OpsCliClientId', { value: opsClient.userPoolClientId, description: 'npm run ops -- login (code + PKCE, loopback redirect, no secret)' });
    new CfnOutput(this, 'MachineClientId', { value: machineClient.userPoolClientId, description: 'Supplier systems: client-credentials grant; its secret is shown by aws cognito-idp describe-user-pool-client' });
    new CfnOutput(this, 'SignInDomain', { value: authDomain.baseUrl(), description: "The user pool's managed sign-in" });
    // AwsCustomResource runs on one stack-wide provider Lambda whose role CDK creates with the basic execution policy.
    const seedProvider = this.node.tryFindChild(AWS_CUSTOM_RESOURCE_PROVIDER_ID);
    if (seedProvider) {
      Validations.of(seedProvider).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "CDK's provider for the one-shot first fleet-health run: the managed policy only lets it write its own CloudWatch logs; its one other grant is invoking the fleet-health function.",
      });
    }
  }
}
