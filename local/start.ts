import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { unknownPlanIds } from '../shared/domain/price-plan-catalogue.js';
import { loadPricePlans } from '../shared/runtime.js';
import { createDocumentClient, createDynamoDbClient } from '../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { DynamoDbReadingsStore } from '../shared/storage/dynamodb/dynamodb-readings-store.js';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { createLocalServer } from './http-server.js';
import { seedDemoData } from './seed-demo-data.js';
import { ensureTables } from './tables.js';

/** `npm start`: DynamoDB Local (persisted), tables, demo data, then the real handlers on PORT. */
const port = Number(process.env.PORT ?? 5000);
const dataDir = resolve(process.env.DATA_DIR ?? '.dynamodb');
process.env.READINGS_TABLE_NAME ??= 'joi-energy-readings';
process.env.ACCOUNTS_TABLE_NAME ??= 'joi-energy-accounts';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// An invalid catalogue stops start-up here, naming the bad entry, before anything else starts.
let pricePlans;
try {
  pricePlans = loadPricePlans();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
console.log(`price plans: ${pricePlans.map((p) => p.pricePlanId).join(', ')}${process.env.PRICE_PLANS_FILE ? ` (from ${process.env.PRICE_PLANS_FILE})` : ''}`);

mkdirSync(dataDir, { recursive: true });
const database = await startDynamoDbLocal({ dbPath: dataDir, port: process.env.DYNAMODB_PORT ? Number(process.env.DYNAMODB_PORT) : undefined });
process.env.DYNAMODB_ENDPOINT = database.endpoint;
console.log(`DynamoDB Local at ${database.endpoint}, data in ${dataDir}`);

let server: Awaited<ReturnType<typeof createLocalServer>> | undefined;
let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: stopping`);
  server?.close();
  await database.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

try {
  const tables = { readings: process.env.READINGS_TABLE_NAME, accounts: process.env.ACCOUNTS_TABLE_NAME };
  const lowLevelClient = createDynamoDbClient();
  await ensureTables(lowLevelClient, tables);
  const client = createDocumentClient(lowLevelClient);
  const accounts = new DynamoDbAccountsStore(client, tables.accounts);
  const seeded = await seedDemoData(
    { accounts, readings: new DynamoDbReadingsStore(client, tables.readings) },
    Math.floor(Date.now() / 1000),
  );
  console.log(seeded > 0 ? `seeded a week of minute readings for ${seeded} demo meter(s)` : 'demo data already present');
  for (const account of unknownPlanIds(pricePlans, await accounts.list())) {
    console.warn(`warning: ${account.smartMeterId} is on price plan '${account.pricePlanId}', which the catalogue does not hold`);
  }
  server = await createLocalServer();
  server.listen(port, () => console.log(`JOI Energy API listening on http://localhost:${port} (docs: http://localhost:${port}/docs)`));
  server.on('error', (error) => {
    console.error(`server error: ${error.message}`);
    void shutdown('error');
  });
} catch (error) {
  console.error(error);
  await database.stop();
  process.exit(1);
}
