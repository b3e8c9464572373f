import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Account } from '../../domain/accounts.js';
import type { AccountsStore } from '../accounts-store.js';
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
    return Item ? { smartMeterId: Item.smartMeterId as string, pricePlanId: Item.pricePlanId as string | undefined } : undefined;
  }

  async save(account: Account): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...account } }));
  }
}
