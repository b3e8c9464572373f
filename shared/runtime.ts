import { DEFAULT_MAX_GAP_SECONDS } from './domain/energy.js';
import { DEFAULT_PRICE_PLANS } from './domain/price-plans.js';
import { EnergyService } from './services/energy-service.js';
import { DynamoDbAccountsStore } from './storage/dynamodb/dynamodb-accounts-store.js';
import { createDocumentClient } from './storage/dynamodb/document-client.js';
import { DynamoDbReadingsStore } from './storage/dynamodb/dynamodb-readings-store.js';

/** Environment the handlers run with, in Lambda (set by the stack) and locally (set by the local server). */
export interface RuntimeConfig {
  readingsTableName: string;
  accountsTableName: string;
  maxGapSeconds: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
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

let service: EnergyService | undefined;

/** One service, and so one DocumentClient, per process: created on first use, reused by warm invocations. */
export function energyService(): EnergyService {
  if (!service) {
    const config = configFromEnv();
    const client = createDocumentClient();
    service = new EnergyService({
      readings: new DynamoDbReadingsStore(client, config.readingsTableName),
      accounts: new DynamoDbAccountsStore(client, config.accountsTableName),
      pricePlans: DEFAULT_PRICE_PLANS,
      maxGapSeconds: config.maxGapSeconds,
    });
  }
  return service;
}
