import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, ScanCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Account, PlanPeriodStart } from '../../domain/accounts.js';
import { ConflictError, MeterNotFoundError } from '../../errors.js';
import type { AccountsStore, MeterKeyLookup } from '../../ports/accounts-store.js';
import { ACCOUNTS_BY_CUSTOMER, ACCOUNTS_PARTITION_KEY, METER_KEYS_PARTITION_KEY } from './table-layout.js';

/**
 * The one read every request about a meter makes (strongly consistent: a switch just made must show), on its own so
 * a function that only reads accounts bundles nothing else of this adapter.
 */
export function dynamoDbAccountReader(client: DynamoDBDocumentClient, tableName: string): Pick<AccountsStore, 'find'> {
  return {
    async find(smartMeterId) {
      const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: { [ACCOUNTS_PARTITION_KEY]: smartMeterId }, ConsistentRead: true }));
      return Item ? toAccount(Item) : undefined;
    },
  };
}

/** Accounts, and the meter keys that point at them (a key item per key: the authorizer's one read). */
export class DynamoDbAccountsStore implements AccountsStore {
  readonly find: AccountsStore['find'];

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly keysTableName = '',
  ) {
    this.find = dynamoDbAccountReader(client, tableName).find;
  }

  async ownedBy(customerId: string, limit: number): Promise<Account[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: ACCOUNTS_BY_CUSTOMER.indexName,
        KeyConditionExpression: '#customer = :customer',
        ExpressionAttributeNames: { '#customer': ACCOUNTS_BY_CUSTOMER.partitionKey },
        ExpressionAttributeValues: { ':customer': customerId },
        Limit: limit,
      }),
    );
    return (Items ?? []).map(toAccount);
  }

  async firstPage(limit: number): Promise<Account[]> {
    const { Items } = await this.client.send(new ScanCommand({ TableName: this.tableName, Limit: limit }));
    return (Items ?? []).map(toAccount).sort((a, b) => a.smartMeterId.localeCompare(b.smartMeterId));
  }

  async list(): Promise<Account[]> {
    const accounts: Account[] = [];
    let exclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new ScanCommand({ TableName: this.tableName, ExclusiveStartKey: exclusiveStartKey }));
      for (const item of page.Items ?? []) accounts.push(toAccount(item));
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey);
    return accounts;
  }

  async save(account: Account): Promise<void> {
    const existing = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { [ACCOUNTS_PARTITION_KEY]: account.smartMeterId } }));
    const keyHash = existing.Item?.meterKeyHash as string | undefined;
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...toItem(account), ...(keyHash && { meterKeyHash: keyHash }) } }));
  }

  async create(account: Account, keyHash: string): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...toItem(account), meterKeyHash: keyHash },
                ConditionExpression: 'attribute_not_exists(#pk)',
                ExpressionAttributeNames: { '#pk': ACCOUNTS_PARTITION_KEY },
              },
            },
            { Put: { TableName: this.keysTableName, Item: { [METER_KEYS_PARTITION_KEY]: keyHash, smartMeterId: account.smartMeterId } } },
          ],
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError(`smart meter '${account.smartMeterId}' already has an account`);
      }
      throw error;
    }
  }

  async replaceKey(smartMeterId: string, keyHash: string): Promise<void> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { [ACCOUNTS_PARTITION_KEY]: smartMeterId }, ConsistentRead: true }),
    );
    if (!Item) throw new MeterNotFoundError(smartMeterId);
    const oldHash = Item.meterKeyHash as string | undefined;
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tableName,
              Key: { [ACCOUNTS_PARTITION_KEY]: smartMeterId },
              UpdateExpression: 'SET meterKeyHash = :new',
              // Two rotations at once: only the one that saw the current key lands; the other fails loudly.
              ConditionExpression: oldHash ? 'meterKeyHash = :old' : 'attribute_not_exists(meterKeyHash)',
              ExpressionAttributeValues: { ':new': keyHash, ...(oldHash && { ':old': oldHash }) },
            },
          },
          { Put: { TableName: this.keysTableName, Item: { [METER_KEYS_PARTITION_KEY]: keyHash, smartMeterId } } },
          ...(oldHash ? [{ Delete: { TableName: this.keysTableName, Key: { [METER_KEYS_PARTITION_KEY]: oldHash } } }] : []),
        ],
      }),
    );
  }

  async appendPlan(smartMeterId: string, entry: PlanPeriodStart, expectedLength: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [ACCOUNTS_PARTITION_KEY]: smartMeterId },
          UpdateExpression: 'SET planHistory = list_append(if_not_exists(planHistory, :empty), :entry), pricePlanId = :plan',
          ConditionExpression:
            expectedLength === 0 ? 'attribute_not_exists(planHistory) OR size(planHistory) = :n' : 'size(planHistory) = :n',
          ExpressionAttributeValues: { ':empty': [], ':entry': [entry], ':plan': entry.pricePlanId, ':n': expectedLength },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

/** The authorizer's view of the keys table: one GetItem per uncached check. */
export class DynamoDbMeterKeyLookup implements MeterKeyLookup {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly keysTableName: string,
  ) {}

  async meterOfKey(keyHash: string): Promise<string | undefined> {
    // Eventually consistent: half a read unit. A rotated key may pass for a second more; API Gateway caches the
    // answer for up to 300 s anyway.
    const { Item } = await this.client.send(new GetCommand({ TableName: this.keysTableName, Key: { [METER_KEYS_PARTITION_KEY]: keyHash } }));
    return Item?.smartMeterId as string | undefined;
  }
}

function toItem(account: Account): Record<string, unknown> {
  return {
    [ACCOUNTS_PARTITION_KEY]: account.smartMeterId,
    ...(account.pricePlanId !== undefined && { pricePlanId: account.pricePlanId }),
    ...(account.customerId !== undefined && { customerId: account.customerId }),
    planHistory: account.planHistory,
  };
}

function toAccount(item: Record<string, unknown>): Account {
  const pricePlanId = item.pricePlanId as string | undefined;
  // Accounts written before plan history existed: their plan covers everything.
  const planHistory = (item.planHistory as PlanPeriodStart[] | undefined) ?? (pricePlanId ? [{ pricePlanId, from: 0 }] : []);
  return {
    smartMeterId: item[ACCOUNTS_PARTITION_KEY] as string,
    pricePlanId,
    customerId: item.customerId as string | undefined,
    planHistory: planHistory.map((e) => ({ pricePlanId: e.pricePlanId, from: Number(e.from) })),
  };
}
