import type { AuditLog, AuditReader } from './ports/audit-log.js';
import { DynamoDbAuditLog, DynamoDbAuditReader } from './storage/dynamodb/dynamodb-audit-log.js';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessTokenVerifier } from './auth/access-token-verifier.js';
import type { BearerIdentityDeps } from './auth/bearer-identity.js';
import { config, tableName, type Config } from './config.js';
import { countMetric, METRIC } from './observability/metrics.js';
import type { AccountsStore } from './ports/accounts-store.js';
import type { PersonalKeysStore } from './ports/personal-keys-store.js';
import { DynamoDbPersonalKeysStore } from './storage/dynamodb/dynamodb-personal-keys-store.js';
import type { PricePlansReader, PricePlansStore } from './ports/price-plans-store.js';
import type { IntervalsReader, IntervalsStore } from './ports/intervals-store.js';
import type { ReadingsReader, ReadingsStore } from './ports/readings-store.js';
import type { SummariesStore } from './ports/summaries-store.js';
import type { MeterEnergyDeps } from './services/meter-energy.js';
import { CachedPricePlans } from './services/cached-price-plans.js';
import type { LateWriteDeps } from './services/late-writes.js';
import { DynamoDbAccountsStore, dynamoDbAccountReader, DynamoDbMeterKeyLookup } from './storage/dynamodb/dynamodb-accounts-store.js';
import { createDocumentClient } from './storage/dynamodb/document-client.js';
import { dynamoDbPlanDocuments, dynamoDbPricePlansReader, DynamoDbPricePlansStore } from './storage/dynamodb/dynamodb-price-plans-store.js';
import { DynamoDbIntervalsReader, DynamoDbIntervalsStore } from './storage/dynamodb/dynamodb-intervals-store.js';
import { DynamoDbReadingsReader, DynamoDbReadingsStore } from './storage/dynamodb/dynamodb-readings-store.js';
import { DynamoDbSummariesStore } from './storage/dynamodb/dynamodb-summaries-store.js';

/**
 * The composition root: the one place that names the DynamoDB adapters. One helper per store, each made on first use
 * and reused while the function is warm, so a handler that imports only the helpers it needs bundles only those
 * adapters (the bundle test checks it against the route's grants).
 */

/** What a store is made for: the database and the tables it names. */
const storageOf = ({ dynamoDbEndpoint, region, tables }: Config) => JSON.stringify([dynamoDbEndpoint, region, tables]);

/**
 * A value made on first use and kept while the settings it was made from stay the same: in Lambda, for the life of
 * the process; where one process serves several configurations in turn (a test run's files, each with its own
 * tables), made again when they change. Each use is marked pure, so a bundle keeps only the helpers its route calls.
 */
function perConfiguration<T>(make: () => T, settingsOf: (config: Config) => string = storageOf): () => T {
  let made: { config: Config; settings: string; value: T } | undefined;
  return () => {
    const current = config();
    if (made?.config === current) return made.value;
    const settings = settingsOf(current);
    if (made?.settings !== settings) made = { config: current, settings, value: make() };
    else made.config = current;
    return made.value;
  };
}

/** The process's one DocumentClient: created on first use, reused by warm invocations; counts the SDK's retries. */
export const documentClient = /* @__PURE__ */ perConfiguration((): DynamoDBDocumentClient => {
  const client = createDocumentClient();
  const retriesOf = (result: unknown) => ((result as { $metadata?: { attempts?: number } })?.$metadata?.attempts ?? 1) - 1;
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        const result = await next(args);
        countMetric(METRIC.dynamoDbRetries, retriesOf(result.output));
        return result;
      } catch (error) {
        countMetric(METRIC.dynamoDbRetries, retriesOf(error));
        throw error;
      }
    },
    { step: 'initialize', name: 'countDynamoDbRetries' },
  );
  return client;
});

/** The server clock, epoch seconds. */
export const now = (): number => Math.floor(Date.now() / 1000);

export const readingsStore = /* @__PURE__ */ perConfiguration((): ReadingsStore => new DynamoDbReadingsStore(documentClient(), tableName('readings')));

/** Reading readings only: what every figure of usage and cost needs, without the write and delete paths. */
export const readingsReader = /* @__PURE__ */ perConfiguration((): ReadingsReader => new DynamoDbReadingsReader(documentClient(), tableName('readings')));

/** Interval meters' half hours (day items in the readings table). */
export const intervalsReader = /* @__PURE__ */ perConfiguration((): IntervalsReader => new DynamoDbIntervalsReader(documentClient(), tableName('readings')));

/** Storing interval meters' half hours: each day read, merged and written conditionally. */
export const intervalsStore = /* @__PURE__ */ perConfiguration((): IntervalsStore => new DynamoDbIntervalsStore(documentClient(), tableName('readings')));

/** Accounts; with the meter keys table when the function is given it (onboarding, key rotation). */
export const accountsStore = /* @__PURE__ */ perConfiguration((): AccountsStore => new DynamoDbAccountsStore(documentClient(), tableName('accounts'), config().tables.meterKeys));

/** Reading one account: all that a route which only names a meter needs of the accounts table. */
export const accountsReader = /* @__PURE__ */ perConfiguration((): Pick<AccountsStore, 'find'> => dynamoDbAccountReader(documentClient(), tableName('accounts')));

/** Customers' personal API keys, in the meter keys table. */
export const personalKeysStore = /* @__PURE__ */ perConfiguration((): PersonalKeysStore => new DynamoDbPersonalKeysStore(documentClient(), tableName('meterKeys')));

/** The audit trail: appending a record of a state-changing request (the pipeline's), and reading the trail. */
export const auditLog = /* @__PURE__ */ perConfiguration((): AuditLog => new DynamoDbAuditLog(documentClient(), tableName('audit')));
export const auditReader = /* @__PURE__ */ perConfiguration((): AuditReader => new DynamoDbAuditReader(documentClient(), tableName('audit')));

export const summariesStore = /* @__PURE__ */ perConfiguration((): SummariesStore => new DynamoDbSummariesStore(documentClient(), tableName('summaries')));

/**
 * The live catalogue and published prices, read from the price plans table and kept while the function is warm:
 * shared by every meter, re-read within PRICE_PLANS_REFRESH_SECONDS of a change (see cached-price-plans.ts).
 */
const cachedPricePlans = /* @__PURE__ */ perConfiguration(() => new CachedPricePlans(dynamoDbPricePlansReader(documentClient(), tableName('pricePlans')), now));
export const pricePlans: () => PricePlansReader = cachedPricePlans;

/** One plan's document and revision, strongly consistent (a Query): what an editor reads before a change. */
export const pricePlanDocuments = /* @__PURE__ */ perConfiguration((): Pick<PricePlansStore, 'plan'> => dynamoDbPlanDocuments(documentClient(), tableName('pricePlans')));

/** Changing plans and publishing prices: conditional writes, strongly consistent reads. */
export const pricePlansStore = /* @__PURE__ */ perConfiguration((): PricePlansStore => new DynamoDbPricePlansStore(documentClient(), tableName('pricePlans')));

/** This process changed the catalogue: its own cache forgets at once (other functions within the refresh time). */
export function pricePlansChanged(): void {
  cachedPricePlans().clear();
}

/** A meter's energy: from its readings and stored day summaries (power), or its half hours (interval), with the work counted as metrics. */
export function meterEnergy(): MeterEnergyDeps {
  return {
    readings: readingsReader(),
    intervals: intervalsReader(),
    summaries: summariesStore(),
    maxGapSeconds: config().maxGapSeconds,
    now,
    onSummaryWork: ({ summarized, fromSummaries, rawDays }) => {
      countMetric(METRIC.daysSummarized, summarized);
      countMetric(METRIC.daysFromSummaries, fromSummaries);
      countMetric(METRIC.daysReadRaw, rawDays);
    },
  };
}

/** What a write to settled days needs: the summaries to mark, counted as metrics. */
export function lateWrites(): LateWriteDeps {
  return { summaries: summariesStore(), maxGapSeconds: config().maxGapSeconds, now, onLateDays: (days) => countMetric(METRIC.lateDaysMarked, days) };
}

/** What the meter-key authorizer needs: the keys table, and the user pool's issuer for operators' tokens. */
export const authorizerDependencies = /* @__PURE__ */ perConfiguration(
  (): BearerIdentityDeps => {
    const tokens = config().accessTokens;
    return {
      keys: new DynamoDbMeterKeyLookup(documentClient(), tableName('meterKeys')),
      verifyAccessToken: tokens ? accessTokenVerifier(tokens) : () => Promise.reject(new Error('no token issuer configured')),
    };
  },
  (current) => storageOf(current) + JSON.stringify(current.accessTokens ?? null),
);
