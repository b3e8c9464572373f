import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { accessTokenVerifier } from './auth/access-token-verifier.js';
import type { BearerIdentityDeps } from './auth/bearer-identity.js';
import { config, tableName } from './config.js';
import { countMetric, METRIC } from './observability/metrics.js';
import type { AccountsStore } from './ports/accounts-store.js';
import type { PricePlansReader, PricePlansStore } from './ports/price-plans-store.js';
import type { ReadingsReader, ReadingsStore } from './ports/readings-store.js';
import type { SummariesStore } from './ports/summaries-store.js';
import type { EnergyViewDeps } from './services/energy-view.js';
import { CachedPricePlans } from './services/cached-price-plans.js';
import type { LateWriteDeps } from './services/late-writes.js';
import { DynamoDbAccountsStore, dynamoDbAccountReader, DynamoDbMeterKeyLookup } from './storage/dynamodb/dynamodb-accounts-store.js';
import { createDocumentClient } from './storage/dynamodb/document-client.js';
import { dynamoDbPlanDocuments, dynamoDbPricePlansReader, DynamoDbPricePlansStore } from './storage/dynamodb/dynamodb-price-plans-store.js';
import { DynamoDbReadingsReader, DynamoDbReadingsStore } from './storage/dynamodb/dynamodb-readings-store.js';
import { DynamoDbSummariesStore } from './storage/dynamodb/dynamodb-summaries-store.js';

/**
 * The composition root: the one place that names the DynamoDB adapters. One helper per store, each made on first use
 * and reused while the function is warm, so a handler that imports only the helpers it needs bundles only those
 * adapters (the bundle test checks it against the route's grants).
 */

let client: DynamoDBDocumentClient | undefined;

/** The process's one DocumentClient: created on first use, reused by warm invocations; counts the SDK's retries. */
export function documentClient(): DynamoDBDocumentClient {
  if (!client) {
    client = createDocumentClient();
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
  }
  return client;
}

/** The server clock, epoch seconds. */
export const now = (): number => Math.floor(Date.now() / 1000);

let readings: ReadingsStore | undefined;
export function readingsStore(): ReadingsStore {
  return (readings ??= new DynamoDbReadingsStore(documentClient(), tableName('readings')));
}

let reader: ReadingsReader | undefined;
/** Reading readings only: what every figure of usage and cost needs, without the write and delete paths. */
export function readingsReader(): ReadingsReader {
  return (reader ??= new DynamoDbReadingsReader(documentClient(), tableName('readings')));
}

let accounts: AccountsStore | undefined;
/** Accounts; with the meter keys table when the function is given it (onboarding, key rotation). */
export function accountsStore(): AccountsStore {
  return (accounts ??= new DynamoDbAccountsStore(documentClient(), tableName('accounts'), config().tables.meterKeys));
}

let accountReader: Pick<AccountsStore, 'find'> | undefined;
/** Reading one account: all that a route which only names a meter needs of the accounts table. */
export function accountsReader(): Pick<AccountsStore, 'find'> {
  return (accountReader ??= dynamoDbAccountReader(documentClient(), tableName('accounts')));
}

let summaries: SummariesStore | undefined;
export function summariesStore(): SummariesStore {
  return (summaries ??= new DynamoDbSummariesStore(documentClient(), tableName('summaries')));
}

let plans: CachedPricePlans | undefined;
/**
 * The live catalogue and published prices, read from the price plans table and kept while the function is warm:
 * shared by every meter, re-read within PRICE_PLANS_REFRESH_SECONDS of a change (see cached-price-plans.ts).
 */
export function pricePlans(): PricePlansReader {
  return (plans ??= new CachedPricePlans(dynamoDbPricePlansReader(documentClient(), tableName('pricePlans')), now));
}

let planDocuments: Pick<PricePlansStore, 'plan'> | undefined;
/** One plan's document and revision, strongly consistent (a Query): what an editor reads before a change. */
export function pricePlanDocuments(): Pick<PricePlansStore, 'plan'> {
  return (planDocuments ??= dynamoDbPlanDocuments(documentClient(), tableName('pricePlans')));
}

let plansStore: PricePlansStore | undefined;
/** Changing plans and publishing prices: conditional writes, strongly consistent reads. */
export function pricePlansStore(): PricePlansStore {
  return (plansStore ??= new DynamoDbPricePlansStore(documentClient(), tableName('pricePlans')));
}

/** This process changed the catalogue: its own cache forgets at once (other functions within the refresh time). */
export function pricePlansChanged(): void {
  plans?.clear();
}

/** A meter's energy from its readings and stored day summaries, with the work counted as metrics. */
export function meterEnergy(): EnergyViewDeps {
  return {
    readings: readingsReader(),
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

let authorizer: BearerIdentityDeps | undefined;

/** What the meter-key authorizer needs: the keys table, and the user pool's issuer for operators' tokens. */
export function authorizerDependencies(): BearerIdentityDeps {
  if (!authorizer) {
    const tokens = config().accessTokens;
    authorizer = {
      keys: new DynamoDbMeterKeyLookup(documentClient(), tableName('meterKeys')),
      verifyAccessToken: tokens ? accessTokenVerifier(tokens) : () => Promise.reject(new Error('no token issuer configured')),
    };
  }
  return authorizer;
}
