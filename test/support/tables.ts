import { randomUUID } from 'node:crypto';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { Pluggable } from '@smithy/types';
import { dynamoDbEndpoint } from './database.js';
import { ensureTables } from '../../local/tables.js';
import { configure } from '../../shared/config.js';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { DEMO_ACCOUNTS } from '../../shared/domain/accounts.js';
import type { Catalogue } from '../../shared/domain/price-plans.js';
import { DynamoDbPricePlansStore } from '../../shared/storage/dynamodb/dynamodb-price-plans-store.js';
import { createDocumentClient, createDynamoDbClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { DynamoDbReadingsStore, type DynamoDbReadingsStoreOptions } from '../../shared/storage/dynamodb/dynamodb-readings-store.js';
import type { TableNames } from '../../shared/storage/dynamodb/table-layout.js';

/**
 * Fresh tables in the run's DynamoDB Local, with the demo accounts and a catalogue (default: the shipped one), handed to the configuration the handlers read
 * (so handlers invoked in this test file use these tables).
 */
export async function freshTables(options: { catalogue?: Catalogue } = {}): Promise<TableNames> {
  const suffix = randomUUID().slice(0, 8);
  const tables = {
    readings: `readings-${suffix}`,
    accounts: `accounts-${suffix}`,
    meterKeys: `meter-keys-${suffix}`,
    summaries: `summaries-${suffix}`,
    pricePlans: `price-plans-${suffix}`,
    audit: `audit-${suffix}`,
  };
  configure({ dynamoDbEndpoint: await dynamoDbEndpoint(), tables });
  await ensureTables(createDynamoDbClient(), tables);
  const accounts = new DynamoDbAccountsStore(createDocumentClient(), tables.accounts, tables.meterKeys);
  for (const account of DEMO_ACCOUNTS) await accounts.save(account);
  await new DynamoDbPricePlansStore(createDocumentClient(), tables.pricePlans).seed(options.catalogue ?? DEFAULT_CATALOGUE);
  return tables;
}

export function readingsStore(
  tables: TableNames,
  options: DynamoDbReadingsStoreOptions = {},
  clientConfig: DynamoDBClientConfig = {},
  plugin?: Pluggable<any, any>, // eslint-disable-line @typescript-eslint/no-explicit-any
): DynamoDbReadingsStore {
  const client = createDynamoDbClient(clientConfig);
  if (plugin) client.middlewareStack.use(plugin);
  return new DynamoDbReadingsStore(createDocumentClient(client), tables.readings, options);
}
