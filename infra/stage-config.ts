import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { parseOrThrow } from '../shared/validation.js';

/** A stage's name: part of every physical name and of the stack's id, so two stages in one account never collide. */
export const StageNameSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,15}$/, 'must be 1–16 lowercase letters, digits or -, starting with a letter'));

const Email = v.pipe(v.string(), v.email('must be an e-mail address'));
const Region = v.pipe(v.string(), v.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region, e.g. eu-west-2'));

/** CodeDeploy's Lambda traffic shifts a stage may choose (LambdaDeploymentConfig's names without the prefix). */
export const TRAFFIC_SHIFTS = ['AllAtOnce', 'Canary10Percent5Minutes', 'Canary10Percent10Minutes', 'Canary10Percent30Minutes', 'Linear10PercentEvery1Minute', 'Linear10PercentEvery3Minutes'] as const;

/**
 * What a stage is deployed with, committed in `infra/stages/<stage>.json` and validated at synth: a later
 * `cdk deploy -c stage=<name>` deploys exactly the same settings, never silently fewer.
 */
export const StageConfigSchema = v.strictObject({
  /** A stage customers depend on: synth refuses it without what production needs (see `missingForProduction`). */
  production: v.optional(v.boolean(), false),
  /** Where every alarm goes: e-mail addresses subscribed to the stage's alarm topic, and/or an existing SNS topic. */
  alarms: v.optional(
    v.strictObject({
      emails: v.optional(v.array(Email), []),
      topicArn: v.optional(v.pipe(v.string(), v.regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/, 'must be an SNS topic ARN'))),
    }),
  ),
  /**
   * Cognito's invitations and password resets through SES (the default sender is limited to about 50 e-mails a day):
   * `from` must be a verified SES identity (the address, or `sesVerifiedDomain`) in `sesRegion`.
   */
  email: v.optional(v.strictObject({ from: Email, fromName: v.optional(v.string()), replyTo: v.optional(Email), sesRegion: Region, sesVerifiedDomain: v.optional(v.string()) })),
  /** Where the sign-in may return to besides the web app's own URL (e.g. a local `AUTH=on npm start`). */
  callbackUrls: v.optional(v.array(v.pipe(v.string(), v.url('must be a URL'))), []),
  /** The catalogue that seeds the price plans table when it is created (a path from the project's root). */
  pricePlansFile: v.optional(v.string()),
  /** Whether the five demo accounts are seeded (default: yes, except in production, where they are refused). */
  demoAccounts: v.optional(v.boolean()),
  /** The functions' application log level. */
  logLevel: v.optional(v.picklist(['DEBUG', 'INFO', 'WARN', 'ERROR']), 'INFO'),
  /**
   * The fleet the stage carries: its route limits are derived from it (infra/throttling.ts). `sendSpreadSeconds`: the
   * meters' sends of one interval arrive within this many seconds of its start (the interval itself when evenly spread).
   */
  fleet: v.optional(
    v.pipe(
      v.strictObject({
        meters: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000_000)),
        sendEverySeconds: v.pipe(v.number(), v.integer(), v.minValue(60), v.maxValue(86_400)),
        sendSpreadSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(86_400))),
      }),
      v.check((f) => (f.sendSpreadSeconds ?? f.sendEverySeconds) <= f.sendEverySeconds, 'sendSpreadSeconds must not exceed sendEverySeconds'),
    ),
  ),
  /**
   * How a deploy moves each route's traffic to its new version (CodeDeploy; rolled back automatically when the route's
   * error or latency alarm fires meanwhile). Default: `Canary10Percent5Minutes` in production, `AllAtOnce` elsewhere.
   */
  trafficShift: v.optional(v.picklist(TRAFFIC_SHIFTS)),
  /**
   * Backups (AWS Backup) of every table with customer or billing data: daily kept 35 days, monthly kept a year, and
   * each copied to this vault (another Region's or account's) when given.
   */
  backupCopyVaultArn: v.optional(v.pipe(v.string(), v.regex(/^arn:aws[a-z-]*:backup:[a-z0-9-]+:\d{12}:backup-vault:[\w.-]{2,50}$/, 'must be a backup vault ARN'))),
  /** Without a fleet: steady requests per second for every route, and the burst above it. */
  throttle: v.optional(v.strictObject({ rateLimit: v.pipe(v.number(), v.minValue(1)), burstLimit: v.pipe(v.number(), v.integer(), v.minValue(1)) })),
});
export type StageConfig = v.InferOutput<typeof StageConfigSchema>;

/** The id of a stage's stack. */
export const stackIdOf = (stage: string) => `JoiEnergyApi-${stage}`;

/** The catalogue a stage seeds when it names none: the seed document's demo plans. */
export const DEMO_CATALOGUE_FILE = 'shared/catalogue/price-plans.json';

/** The stage's catalogue file as a path from the project's root (`./x` is `x`). */
const catalogueFileOf = (config: StageConfig) => config.pricePlansFile?.replace(/^\.\//, '');

/**
 * What a production stage lacks, each as the setting to add and why; empty when it has everything. Production never
 * seeds the demo (its catalogue or its accounts) and never pages nobody.
 */
export function missingForProduction(config: StageConfig): string[] {
  if (!config.production) return [];
  const missing: string[] = [];
  if (!config.alarms || (config.alarms.emails.length === 0 && !config.alarms.topicArn)) {
    missing.push('"alarms": e-mail addresses ("emails") and/or an SNS topic ARN ("topicArn") that every alarm reaches');
  }
  if (!config.email) missing.push('"email": an SES identity for Cognito\'s mail ("from", "sesRegion"; Cognito\'s own sender stops at about 50 e-mails a day)');
  if (!config.pricePlansFile) missing.push('"pricePlansFile": the catalogue that seeds the price plans table (production never seeds the demo plans)');
  else if (catalogueFileOf(config) === DEMO_CATALOGUE_FILE) missing.push(`"pricePlansFile": ${DEMO_CATALOGUE_FILE} is the demo catalogue; name your own`);
  if (config.demoAccounts) missing.push('"demoAccounts": must be false (or absent) in production: the demo accounts are not customers');
  if (!config.fleet) missing.push('"fleet": the fleet\'s size and sending interval ("meters", "sendEverySeconds"), from which the route limits are derived');
  if (config.throttle) missing.push('"throttle": not used in production: the limits are derived from "fleet"; remove it');
  return missing;
}

/** The shipped example catalogue: fine to try a stage with, a placeholder for a real supplier's own. */
export const EXAMPLE_CATALOGUE_FILE = 'shared/catalogue/example-catalogue.json';

/** Settings that are still the committed placeholders (example.com addresses, the documentation account id, the example catalogue). */
export function placeholdersIn(config: StageConfig): string[] {
  const placeholder = (value: string | undefined) => value !== undefined && /example\.(com|org|net)|111122223333/.test(value);
  return [
    ...(config.alarms?.emails ?? []).filter(placeholder).map((e) => `alarms.emails ${e}`),
    ...(placeholder(config.alarms?.topicArn) ? [`alarms.topicArn ${config.alarms!.topicArn}`] : []),
    ...(placeholder(config.email?.from) ? [`email.from ${config.email!.from}`] : []),
    ...(placeholder(config.email?.sesVerifiedDomain) ? [`email.sesVerifiedDomain ${config.email!.sesVerifiedDomain}`] : []),
    ...(catalogueFileOf(config) === EXAMPLE_CATALOGUE_FILE ? [`pricePlansFile ${EXAMPLE_CATALOGUE_FILE} (the example catalogue)`] : []),
  ];
}

/** Reads and checks `<dir>/<stage>.json`; a missing or invalid file, or a production stage lacking a setting, stops synth naming it. */
export function loadStage(stage: string, dir = 'infra/stages'): StageConfig {
  if (!v.is(StageNameSchema, stage)) throw new Error(`-c stage=${stage}: must be 1–16 lowercase letters, digits or -, starting with a letter`);
  const file = join(dir, `${stage}.json`);
  if (!existsSync(file)) throw new Error(`${file} does not exist: create it (see infra/stages/dev.json) to deploy stage '${stage}'`);
  let config: StageConfig;
  try {
    config = parseOrThrow(StageConfigSchema, JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  const missing = missingForProduction(config);
  if (missing.length > 0) throw new Error(`${file}: a production stage needs:\n${missing.map((m) => `  - ${m}`).join('\n')}`);
  return config;
}

/** Every committed stage's name (the files in `dir`). */
export const committedStages = (dir = 'infra/stages'): string[] =>
  readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
