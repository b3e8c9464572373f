/**
 * `npm run chaos`: the product under injected DynamoDB faults, locally: an in-memory DynamoDB Local, the local server
 * (open demo mode) whose client injects DYNAMODB_FAULTS-style faults, clients that retry. Prints the table.
 */
import type { AddressInfo } from 'node:net';
import { DEMO_ACCOUNTS } from '../shared/domain/accounts.js';
import { configure } from '../shared/config.js';
import { documentClient } from '../shared/runtime.js';
import { createDocumentClient, createDynamoDbClient } from '../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { chaosTable, runChaos, storedReadings } from './chaos.js';
import { faultInjector } from '../local/dynamodb-faults.js';
import { freePort, startDynamoDbLocal } from '../local/dynamodb-local.js';
import { createLocalServer } from '../local/http-server.js';
import { ensureTables } from '../local/tables.js';
import { DEFAULT_CATALOGUE } from '../shared/catalogue/default-catalogue.js';
import { DynamoDbPricePlansStore } from '../shared/storage/dynamodb/dynamodb-price-plans-store.js';

const started = Date.now();
const database = await startDynamoDbLocal();
try {
  const tables = { readings: 'chaos-readings', accounts: 'chaos-accounts', meterKeys: 'chaos-meter-keys', summaries: 'chaos-summaries', pricePlans: 'chaos-price-plans', audit: 'chaos-audit' };
  configure({ dynamoDbEndpoint: database.endpoint, tables });
  await ensureTables(createDynamoDbClient(), tables);
  const clean = createDocumentClient();
  const accounts = new DynamoDbAccountsStore(clean, tables.accounts, tables.meterKeys);
  for (const account of DEMO_ACCOUNTS) await accounts.save(account);
  await new DynamoDbPricePlansStore(clean, tables.pricePlans).seed(DEFAULT_CATALOGUE);
  const spec = { throttle: 0, reset: 0, latency: 0 };
  const injector = faultInjector(spec);
  documentClient().middlewareStack.use(injector.plugin);
  const server = await createLocalServer({ log: () => undefined });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const rows = await runChaos({ base, spec, counts: injector.counts, verify: storedReadings(clean, tables.readings) }, (line) => console.log(line));
  console.log(`\n${chaosTable(rows)}\n`);
  console.log(`DynamoDB calls: ${injector.counts.calls}; injected: ${injector.counts.throttle} throttles, ${injector.counts.resetBefore} resets before and ${injector.counts.resetAfter} after the write (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  server.close();
  const failed = rows.some((r) => r.lost + r.duplicated + r.wrong + r.otherFailures > 0);
  process.exitCode = failed ? 1 : 0;
} finally {
  await database.stop();
}
