import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount } from '../../shared/domain/accounts.js';
import { createDocumentClient } from '../../shared/storage/dynamodb/document-client.js';
import { DynamoDbAccountsStore } from '../../shared/storage/dynamodb/dynamodb-accounts-store.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables } from '../support/tables.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** #33.3: page cursors are opaque, tamper-evident and scoped to their caller and query; a forged one is a 400, never a 500. */
describe('page cursors, with AUTH=on', () => {
  let server: RunningServer;
  const tokens: Record<string, string> = {};
  const get = async (path: string, who: string) => {
    const response = await fetch(server.base + path, { headers: { authorization: `Bearer ${tokens[who]}` } });
    return { status: response.status, body: (await response.json()) as { nextCursor?: string | null; message?: string; accounts?: { smartMeterId: string }[] } };
  };

  beforeAll(async () => {
    const tables = await freshTables();
    const accounts = new DynamoDbAccountsStore(createDocumentClient(), tables.accounts);
    for (const id of ['home-a', 'home-b', 'home-c']) await accounts.save(newAccount(id, 'price-plan-1', { customerId: 'multi' }));
    await accounts.save(newAccount('other-home', 'price-plan-1', { customerId: 'someone-else' }));
    server = await startLocalServer({ auth: true });
    tokens.multi = await server.auth!.issueAccessToken('multi');
    tokens.other = await server.auth!.issueAccessToken('someone-else');
    tokens.operator = await server.auth!.issueAccessToken('an-operator', { operator: true });
  });
  afterAll(() => server.close());

  it("pages a customer's own meters with the cursors it gives, and refuses forged ones with 400", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await get(`/accounts?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, 'multi');
      expect(page.status).toBe(200);
      seen.push(...page.body.accounts!.map((a) => a.smartMeterId));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(['home-a', 'home-b', 'home-c']);
    const first = (await get('/accounts?limit=1', 'multi')).body.nextCursor!;
    const position = first.slice(0, first.lastIndexOf('.'));
    for (const forged of [
      b64({ smartMeterId: 'x' }), // the old unsigned shape: DynamoDB's "provided starting key is invalid" was a 500
      `${b64({ smartMeterId: 'home-b', customerId: 'multi', customerIndexKey: 'home-b' })}.AAAAAAAAAAAAAAAAAAAAAA`,
      `${position}.${'A'.repeat(22)}`, // the position with a made-up signature
      `${b64({ smartMeterId: 'zzz' })}${first.slice(first.lastIndexOf('.'))}`, // another position under a real signature
    ]) {
      const refused = await get(`/accounts?limit=1&cursor=${encodeURIComponent(forged)}`, 'multi');
      expect(refused.status, forged).toBe(400);
      expect(refused.body.message).toContain('cursor is not one this API gave out');
    }
    // Scoped to its caller: another customer (or an operator) cannot continue this customer's list.
    expect((await get(`/accounts?limit=1&cursor=${encodeURIComponent(first)}`, 'other')).status).toBe(400);
    expect((await get(`/accounts?limit=1&cursor=${encodeURIComponent(first)}`, 'operator')).status).toBe(400);
  });

  it("refuses an operator's unknown or cross-route cursor (no silent page from an arbitrary point), on /accounts and /admin/meters", async () => {
    const accountsCursor = (await get('/accounts?limit=2', 'operator')).body.nextCursor!;
    expect((await get(`/accounts?limit=2&cursor=${encodeURIComponent(accountsCursor)}`, 'operator')).status).toBe(200);
    expect((await get(`/accounts?limit=2&cursor=${encodeURIComponent(b64({ smartMeterId: 'smart-meter-9' }))}`, 'operator')).status).toBe(400);
    expect((await get(`/admin/meters?cursor=${encodeURIComponent(accountsCursor)}`, 'operator')).status).toBe(400);
    expect((await get(`/admin/meters?cursor=${encodeURIComponent(b64({ smartMeterId: 'smart-meter-1' }))}`, 'operator')).status).toBe(400);
  });
});
