import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal, type AddToPrincipalPolicyResult } from 'aws-cdk-lib/aws-iam';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESM_REQUIRE_BANNER, LAMBDA_ESBUILD_OPTIONS, LAMBDA_NODE_TARGET } from './bundling.js';

const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ApiFunctionProps {
  /** Folder in functions/ whose handler.ts exports `handler`. */
  folder: string;
  environment: Record<string, string>;
  /** Application log level (the stage file's `logLevel`, e.g. DEBUG in dev); INFO by default. */
  logLevel?: ApplicationLogLevel;
  /** The `service` dimension of its custom metrics: the stage's (`joi-energy-<stage>`). */
  serviceName: string;
  /** 15 s unless given (a scheduled job walking the fleet needs minutes). */
  timeout?: Duration;
}

/**
 * The log group every function of the stack writes to, kept a month, made with the first function: each function's
 * streams are named after it, and one group in place of one per function keeps the stack inside CloudFormation's 500
 * resources.
 */
function functionLogsOf(scope: Construct): ILogGroup {
  const stack = Stack.of(scope);
  return (stack.node.tryFindChild('FunctionLogs') as ILogGroup | undefined) ?? new LogGroup(stack, 'FunctionLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
}

/**
 * One Lambda per route with every default in one place:
 * - Node.js 24 (the latest Lambda runtime) on arm64 (Graviton: ~20% cheaper per GB-second than x86);
 * - 512 MB: the handlers wait on DynamoDB; 512 MB buys enough CPU to decode a year of hourly items (~5 MB) quickly
 *   without paying for idle memory;
 * - 15 s timeout: a 6 MB batch is ~2,000 bucket updates at 16 in flight; HTTP APIs give up at 30 s anyway;
 * - its own role, allowed only to write its own log group (table access is granted per route by the stack), every
 *   grant in the role's own inline policy: no separate policy resource per function, so the stack stays well inside
 *   CloudFormation's 500 resources;
 * - the stack's one log group for functions, kept a month (functionLogsOf); Lambda's JSON log format (timestamp, level,
 *   request id on every line, levels filtered by Lambda) rather than a logging library: Powertools Logger would add
 *   ~23 KB to every bundle (measured).
 */
export class ApiFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    const logGroup = functionLogsOf(scope);
    const access = new PolicyDocument();
    const role = new InlineRole(scope, `${id}Role`, access);
    super(scope, id, {
      entry: join(PROJECT_ROOT, 'functions', props.folder, 'handler.ts'),
      handler: 'handler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout ?? Duration.seconds(15),
      role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: props.logLevel ?? ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        LOG_LEVEL: (props.logLevel ?? ApplicationLogLevel.INFO).toLowerCase(),
        POWERTOOLS_SERVICE_NAME: props.serviceName,
        ...props.environment,
      },
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_NODE_TARGET,
        minify: LAMBDA_ESBUILD_OPTIONS.minify,
        sourceMap: LAMBDA_ESBUILD_OPTIONS.sourcemap,
        sourcesContent: LAMBDA_ESBUILD_OPTIONS.sourcesContent,
        mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields],
        banner: ESM_REQUIRE_BANNER,
        externalModules: [], // bundle the AWS SDK: pinned, tree-shaken, and faster to load than the runtime's copy
      },
    });
    logGroup.grantWrite(role);
  }
}

/** A Lambda's role whose every grant lands in its one inline policy (the stack's grants and CDK's own alike). */
class InlineRole extends Role {
  constructor(
    scope: Construct,
    id: string,
    private readonly access: PolicyDocument,
  ) {
    super(scope, id, { assumedBy: new ServicePrincipal('lambda.amazonaws.com'), inlinePolicies: { access } });
  }

  override addToPrincipalPolicy(statement: PolicyStatement): AddToPrincipalPolicyResult {
    this.access.addStatements(statement);
    return { statementAdded: true, policyDependable: this };
  }
}
