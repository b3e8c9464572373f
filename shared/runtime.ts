import { readFileSync } from 'node:fs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_PRICE_PLANS } from './catalogue/default-catalogue.js';
import { DEFAULT_MAX_GAP_SECONDS } from './domain/energy.js';
import { parseCatalogueJson } from './domain/price-plan-catalogue.js';
import type { PricePlan } from './domain/price-plans.js';
import { countMetric, METRIC } from './observability/metrics.js';
import { EnergyService } from './services/energy-service.js';
import { accessTokenVerifier } from './auth/access-token-verifier.js';
import type { BearerIdentityDeps } from './auth/bearer-identity.js';
import { DynamoDbAccountsStore, DynamoDbMeterKeyLookup } from './storage/dynamodb/dynamodb-accounts-store.js';
import { createDocumentClient } from './storage/dynamodb/document-client.js';
import { DynamoDbReadingsStore } from './storage/dynamodb/dynamodb-readings-store.js';
import { DynamoDbSummariesStore } from './storage/dynamodb/dynamodb-summaries-store.js';

/** The catalogue the stack bundled at deploy time (an esbuild `define`); absent when running from source. */
declare const __PRICE_PLAN_CATALOGUE__: string | undefined;

/** Environment the handlers run with, in Lambda (set by the stack) and locally (set by the local server). */
interface RuntimeConfig {
  readingsTableName: string;
  accountsTableName: string;
  maxGapSeconds: number;
}

function configFromEnv(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`environment variable ${name} is not set`);
    return value;
  };
  const maxGap = env.MAX_GAP_SECONDS === undefined ? DEFAULT_MAX_GAP_SECONDS : Number(env.MAX_GAP_SECONDS);
  if (!Number.isInteger(maxGap) || maxGap <= 0) throw new Error('MAX_GAP_SECONDS must be a positive integer');
  return {
    readingsTableName: required('READINGS_TABLE_NAME'),
    accountsTableName: required('ACCOUNTS_TABLE_NAME'),
    maxGapSeconds: maxGap,
  };
}

/** PRICE_PLANS_FILE (local runs) wins, then the catalogue bundled at deploy time, then the shipped default. */
export function loadPricePlans(env: NodeJS.ProcessEnv = process.env): PricePlan[] {
  if (env.PRICE_PLANS_FILE) return parseCatalogueJson(readFileSync(env.PRICE_PLANS_FILE, 'utf8'), env.PRICE_PLANS_FILE);
  if (typeof __PRICE_PLAN_CATALOGUE__ === 'string') return parseCatalogueJson(__PRICE_PLAN_CATALOGUE__, 'bundled price plan catalogue');
  return [...DEFAULT_PRICE_PLANS];
}

let client: DynamoDBDocumentClient | undefined;
let service: EnergyService | undefined;

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

/** The process's one service over that client. */
export function energyService(): EnergyService {
  if (!service) {
    const config = configFromEnv();
    const client = documentClient();
    service = new EnergyService({
      readings: new DynamoDbReadingsStore(client, config.readingsTableName),
      accounts: new DynamoDbAccountsStore(client, config.accountsTableName, process.env.METER_KEYS_TABLE_NAME),
      summaries: process.env.SUMMARIES_TABLE_NAME ? new DynamoDbSummariesStore(client, process.env.SUMMARIES_TABLE_NAME) : undefined,
      onSummaryWork: ({ summarized, fromSummaries, rawDays }) => {
        countMetric(METRIC.daysSummarized, summarized);
        countMetric(METRIC.daysFromSummaries, fromSummaries);
        countMetric(METRIC.daysReadRaw, rawDays);
      },
      onLateDays: (days) => countMetric(METRIC.lateDaysMarked, days),
      pricePlans: loadPricePlans(),
      maxGapSeconds: config.maxGapSeconds,
    });
  }
  return service;
}

let authorizer: BearerIdentityDeps | undefined;

/** What the meter-key authorizer needs: the keys table, and the user pool's issuer for operators' tokens. */
export function authorizerDependencies(env: NodeJS.ProcessEnv = process.env): BearerIdentityDeps {
  if (!authorizer) {
    const keysTable = env.METER_KEYS_TABLE_NAME;
    if (!keysTable) throw new Error('environment variable METER_KEYS_TABLE_NAME is not set');
    const issuer = env.JWT_ISSUER;
    const clientId = env.JWT_CLIENT_ID;
    authorizer = {
      keys: new DynamoDbMeterKeyLookup(documentClient(), keysTable),
      verifyAccessToken:
        issuer && clientId ? accessTokenVerifier({ issuer, clientId }) : () => Promise.reject(new Error('no token issuer configured')),
    };
  }
  return authorizer;
}
