import { DEFAULT_MAX_GAP_SECONDS } from './domain/energy.js';

/** The tables a function may be given, each by its environment variable (set by the stack per route). */
export const TABLE_VARIABLES = {
  readings: 'READINGS_TABLE_NAME',
  accounts: 'ACCOUNTS_TABLE_NAME',
  meterKeys: 'METER_KEYS_TABLE_NAME',
  summaries: 'SUMMARIES_TABLE_NAME',
  pricePlans: 'PRICE_PLANS_TABLE_NAME',
  audit: 'AUDIT_TABLE_NAME',
} as const;
export type TableName = keyof typeof TABLE_VARIABLES;

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'off'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything the deployed code reads from its environment, read once, typed and defaulted. */
export interface Config {
  /** Table names; a function is given only the tables its route is granted. */
  tables: Partial<Record<TableName, string>>;
  /** Longest silence between two readings that still counts as continuous use (MAX_GAP_SECONDS). */
  maxGapSeconds: number;
  /** LOG_LEVEL: the least severe log line written. */
  logLevel: LogLevel;
  /** METRICS_OUTPUT: CloudWatch's embedded metric format, or one readable line per request (local runs). */
  metricsOutput: 'emf' | 'readable';
  /**
   * POWERTOOLS_SERVICE_NAME: the `service` dimension of every custom metric. The stack sets it per stage
   * (`joi-energy-<stage>`), so two stages in one account never count into each other's alarms.
   */
  serviceName: string;
  /**
   * CURSOR_SECRET: the key page cursors are signed with (the stack gives the list routes one from Secrets Manager);
   * unset, a random one per process (local runs: cursors last as long as the server).
   */
  cursorSecret: string;
  /** DYNAMODB_ENDPOINT: DynamoDB Local (local runs and tests); absent in AWS. */
  dynamoDbEndpoint?: string;
  /** AWS_REGION, for DynamoDB Local's client (the SDK reads it itself in AWS). */
  region?: string;
  /**
   * JWT_ISSUER and JWT_CLIENT_IDS (comma-separated: the web app's, the ops CLI's and the machine client's): whose access
   * tokens the meter-key authorizer recognises.
   */
  accessTokens?: { issuer: string; clientIds: string[] };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and checks the environment; a malformed variable stops the function naming it. */
export function readConfig(env: Record<string, string | undefined>): Config {
  const tables: Config['tables'] = {};
  for (const [name, variable] of Object.entries(TABLE_VARIABLES) as [TableName, string][]) {
    if (env[variable]) tables[name] = env[variable];
  }
  const maxGap = env.MAX_GAP_SECONDS === undefined ? DEFAULT_MAX_GAP_SECONDS : Number(env.MAX_GAP_SECONDS);
  if (!Number.isInteger(maxGap) || maxGap <= 0) throw new ConfigError(`MAX_GAP_SECONDS must be a positive integer, not '${env.MAX_GAP_SECONDS}'`);
  const logLevel = (env.LOG_LEVEL ?? 'info').toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not '${env.LOG_LEVEL}'`);
  const metricsOutput = env.METRICS_OUTPUT ?? 'emf';
  if (metricsOutput !== 'emf' && metricsOutput !== 'readable') throw new ConfigError(`METRICS_OUTPUT must be emf or readable, not '${metricsOutput}'`);
  if (Boolean(env.JWT_ISSUER) !== Boolean(env.JWT_CLIENT_IDS)) throw new ConfigError('JWT_ISSUER and JWT_CLIENT_IDS are set together or not at all');
  return {
    tables,
    maxGapSeconds: maxGap,
    logLevel: logLevel as LogLevel,
    metricsOutput,
    serviceName: env.POWERTOOLS_SERVICE_NAME || 'joi-energy-local',
    cursorSecret: env.CURSOR_SECRET || Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(32))).toString('base64url'),
    dynamoDbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || undefined,
    accessTokens: env.JWT_ISSUER && env.JWT_CLIENT_IDS ? { issuer: env.JWT_ISSUER, clientIds: env.JWT_CLIENT_IDS.split(',').filter(Boolean) } : undefined,
  };
}

let current: Config | undefined;

/** The process's configuration: read from the environment on first use (in Lambda, once per cold start). */
export function config(): Config {
  return (current ??= readConfig(process.env));
}

/**
 * Sets parts of the configuration explicitly: the local runtime and tests hand over what they started (tables,
 * DynamoDB Local, the local issuer) instead of writing to process.env. Call it before first use.
 */
export function configure(settings: Partial<Config>): Config {
  const base = config();
  current = { ...base, ...settings, tables: { ...base.tables, ...settings.tables } };
  return current;
}

/**
 * Forgets what `configure` set: the next use reads the environment again. For a process that serves several
 * configurations in turn (a test run's files in one worker); a Lambda function never needs it.
 */
export function resetConfiguration(): void {
  current = undefined;
}

/** A table the function needs: a clear error when the stack did not give it (a route used a store it is not granted). */
export function tableName(table: TableName): string {
  const name = config().tables[table];
  if (!name) throw new ConfigError(`environment variable ${TABLE_VARIABLES[table]} is not set`);
  return name;
}
