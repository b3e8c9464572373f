import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { seedTablesHandler, SEED_PHYSICAL_ID } from '../../functions/seed-tables/handler.js';
import { freePort } from '../../local/dynamodb-local.js';
import { ensureTables } from '../../local/tables.js';
import { configure } from '../../shared/config.js';
import { DEMO_ACCOUNTS } from '../../shared/domain/accounts.js';
import { parseCatalogueJson } from '../../shared/domain/price-plan-catalogue.js';
import { createDocumentClient, createDynamoDbClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { DynamoDbPricePlansStore } from '../../shared/storage/dynamodb/dynamodb-price-plans-store.js';
import { readFileSync } from 'node:fs';
import { dynamoDbEndpoint } from '../support/database.js';

const CATALOGUE_FILE = 'shared/catalogue/example-catalogue.json';

/** CloudFormation's side of a custom resource: the pre-signed URL the handler answers at, recording each answer. */
const answers: Record<string, unknown>[] = [];
const cloudFormation = createServer((request: IncomingMessage, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    answers.push({ method: request.method, ...JSON.parse(body) });
    response.end();
  });
});
let responseUrl = '';

const tables = { readings: 'r', summaries: 's', meterKeys: 'seed-keys', accounts: 'seed-accounts', pricePlans: 'seed-plans', audit: 'seed-audit' };
const stores = () => ({
  pricePlans: new DynamoDbPricePlansStore(createDocumentClient(), tables.pricePlans),
  accounts: new DynamoDbAccountsStore(createDocumentClient(), tables.accounts, tables.meterKeys),
});
const event = (RequestType: 'Create' | 'Update' | 'Delete', demoAccounts: 'true' | 'false' = 'true', catalogue = readFileSync(CATALOGUE_FILE, 'utf8')) =>
  ({
    RequestType,
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:eu-west-2:111122223333:stack/JoiEnergyApi-dev/1',
    RequestId: `request-${answers.length}`,
    LogicalResourceId: 'SeedTables',
    ResourceType: 'Custom::SeedTables',
    ServiceToken: 'arn:aws:lambda:eu-west-2:111122223333:function:seed',
    ...(RequestType !== 'Create' && { PhysicalResourceId: SEED_PHYSICAL_ID }),
    ResourceProperties: { ServiceToken: 'x', catalogue: JSON.stringify(parseCatalogueJson(catalogue, CATALOGUE_FILE)), demoAccounts },
  }) as unknown as CloudFormationCustomResourceEvent;

/** Every item of the two tables the seed writes: what "changes nothing" is measured on. */
async function snapshot() {
  const { pricePlans, accounts } = stores();
  return { plans: await pricePlans.catalogue(), accounts: (await accounts.list()).sort((a, b) => a.smartMeterId.localeCompare(b.smartMeterId)) };
}

describe('the stack\'s seed (a custom resource of conditional writes)', () => {
  beforeAll(async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    for (const name of ['meterKeys', 'accounts', 'pricePlans', 'readings', 'summaries', 'audit'] as const) tables[name] = `seed-${name}-${suffix}`;
    configure({ dynamoDbEndpoint: await dynamoDbEndpoint(), tables });
    await ensureTables(createDynamoDbClient(), tables);
    const port = await freePort();
    await new Promise<void>((resolve) => cloudFormation.listen(port, '127.0.0.1', resolve));
    responseUrl = `http://127.0.0.1:${(cloudFormation.address() as AddressInfo).port}/signed?X-Amz-Signature=abc`;
  });
  afterAll(() => new Promise<void>((resolve) => cloudFormation.close(() => resolve())));

  const handler = seedTablesHandler(stores);

  it('seeds an empty stage: the catalogue and the demo accounts (without customers), answering SUCCESS at the URL', async () => {
    await handler(event('Create'));
    expect(answers.at(-1)).toMatchObject({ method: 'PUT', Status: 'SUCCESS', PhysicalResourceId: SEED_PHYSICAL_ID, LogicalResourceId: 'SeedTables', Data: { catalogueSeeded: 'true' } });
    const { plans, accounts } = await snapshot();
    expect(plans.pricePlans.map((p) => p.pricePlanId).sort()).toEqual(['agile', 'economy-7', 'flex', 'flux', 'flux-export', 'gas-fixed-12m', 'gas-flex', 'outgoing-agile', 'outgoing-fixed']);
    expect(accounts.map((a) => a.smartMeterId)).toEqual(DEMO_ACCOUNTS.map((a) => a.smartMeterId));
    expect(accounts.every((a) => a.customerId === undefined)).toBe(true);
  });

  it('run again over live data (a changed plan, a switched account, a new meter) changes nothing', async () => {
    const { pricePlans, accounts } = stores();
    const flex = (await pricePlans.plan('flex'))!;
    await pricePlans.savePlan({ ...flex.value, supplier: 'Changed by an operator' }, flex.revision);
    const meter0 = (await accounts.find('smart-meter-0'))!;
    await accounts.appendPlan('smart-meter-0', { pricePlanId: 'agile', from: 1_800_000_000 }, meter0.planHistory.length);
    await accounts.save({ smartMeterId: 'meter-1001', kind: 'power', direction: 'import', fuel: 'electricity', pricePlanId: 'flex', planHistory: [{ pricePlanId: 'flex', from: 0 }] });
    const live = await snapshot();

    await handler(event('Create'));
    await handler(event('Update'));
    await handler(event('Delete'));
    expect(answers.slice(-3).map((a) => a.Status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS']);
    expect(answers.at(-2)).toMatchObject({ Data: { catalogueSeeded: 'false', accountsCreated: '' } });
    expect(await snapshot()).toEqual(live);
    expect(live.plans.pricePlans.find((p) => p.pricePlanId === 'flex')!.supplier).toBe('Changed by an operator');
  });

  it('seeds no demo accounts when the stage says so (production), and answers FAILED with the reason on a bad catalogue', async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    const own = { ...tables, accounts: `seed-prod-accounts-${suffix}`, pricePlans: `seed-prod-plans-${suffix}` };
    await ensureTables(createDynamoDbClient(), own);
    const prodStores = () => ({
      pricePlans: new DynamoDbPricePlansStore(createDocumentClient(), own.pricePlans),
      accounts: new DynamoDbAccountsStore(createDocumentClient(), own.accounts, own.meterKeys),
    });
    await seedTablesHandler(prodStores)(event('Create', 'false'));
    expect(await prodStores().accounts.list()).toEqual([]);
    expect((await prodStores().pricePlans.catalogue()).pricePlans).toHaveLength(9);
    const bad = { ...event('Create'), ResourceProperties: { catalogue: '{"pricePlans": 3}', demoAccounts: 'true' } } as unknown as CloudFormationCustomResourceEvent;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await seedTablesHandler(prodStores)(bad);
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ message: 'seeding failed' }));
    logged.mockRestore();
    expect(answers.at(-1)).toMatchObject({ Status: 'FAILED', Reason: expect.stringContaining('seeding failed') });
  });
});
