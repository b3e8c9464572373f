import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Account } from '../../domain/accounts.js';
import type { AccountsStore } from '../../ports/accounts-store.js';
import { ACCOUNTS_PARTITION_KEY } from './table-layout.js';

export class DynamoDbAccountsStore implements AccountsStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(smartMeterId: string): Promise<Account | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { [ACCOUNTS_PARTITION_KEY]: smartMeterId } }),
    );
    return Item ? toAccount(Item) : undefined;
  }

  async list(): Promise<Account[]> {
    const accounts: Account[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new ScanCommand({ TableName: this.tableName, ExclusiveStartKey: exclusiveStartKey }));
      accounts.push(...(page.Items ?? []).map(toAccount));
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey);
    return accounts;
  }

  async save(account: Account): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { [ACCOUNTS_PARTITION_KEY]: account.smartMeterId, pricePlanId: account.pricePlanId } }));
  }
}

function toAccount(item: Record<string, unknown>): Account {
  return { smartMeterId: item[ACCOUNTS_PARTITION_KEY] as string, pricePlanId: item.pricePlanId as string | undefined };
}
