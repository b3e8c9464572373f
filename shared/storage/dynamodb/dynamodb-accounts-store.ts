import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, ScanCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { householdLinkOf, type Account, type PlanPeriodStart } from '../../domain/accounts.js';
import { ConflictError, MeterNotFoundError, ValidationError } from '../../errors.js';
import type { AccountsPage, AccountsStore, MeterKeyLookup, PlanSwitch } from '../../ports/accounts-store.js';
import type { PersonalKeyOwner } from '../../ports/personal-keys-store.js';
import { ACCOUNT_LIST_ATTRIBUTES, ACCOUNTS_BY_CUSTOMER, ACCOUNTS_PARTITION_KEY, METER_KEYS_PARTITION_KEY, PERSONAL_KEY_OWNER } from './table-layout.js';

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

  async ownedBy(customerId: string, limit: number, after?: string): Promise<AccountsPage> {
    const { Items, LastEvaluatedKey } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: ACCOUNTS_BY_CUSTOMER.indexName,
        KeyConditionExpression: '#customer = :customer',
        ExpressionAttributeNames: { '#customer': ACCOUNTS_BY_CUSTOMER.partitionKey },
        ExpressionAttributeValues: { ':customer': customerId },
        Limit: limit,
        ExclusiveStartKey: after === undefined ? undefined : startKey(after, [ACCOUNTS_PARTITION_KEY, ACCOUNTS_BY_CUSTOMER.partitionKey, ACCOUNTS_BY_CUSTOMER.sortKey]),
      }),
    );
    return { accounts: (Items ?? []).map(toAccount), next: cursorOf(LastEvaluatedKey) };
  }

  async page(limit: number, after?: string): Promise<AccountsPage> {
    const { Items, LastEvaluatedKey } = await this.client.send(
      new ScanCommand({
        TableName: this.tableName,
        Limit: limit,
        ExclusiveStartKey: after === undefined ? undefined : startKey(after, [ACCOUNTS_PARTITION_KEY]),
        // Only what an account answer shows: the key hash never leaves the table on this path (and IAM allows no more).
        ProjectionExpression: ACCOUNT_LIST_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
        ExpressionAttributeNames: Object.fromEntries(ACCOUNT_LIST_ATTRIBUTES.map((name, i) => [`#a${i}`, name])),
      }),
    );
    return { accounts: (Items ?? []).map(toAccount).sort((a, b) => a.smartMeterId.localeCompare(b.smartMeterId)), next: cursorOf(LastEvaluatedKey) };
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

  async createIfAbsent(account: Account): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({ TableName: this.tableName, Item: toItem(account), ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': ACCOUNTS_PARTITION_KEY } }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async create(account: Account, keyHash: string): Promise<void> {
    const household = householdLinkOf(account);
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
            ...(household === undefined ? [] : [{ Update: this.householdLink(household.link.partner, household.partnerId, account.smartMeterId, account.customerId) }]),
          ],
        }),
      );
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') throw new ConflictError(`smart meter '${account.smartMeterId}' already has an account`);
      if (reasons[2]?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError(`meter '${household!.partnerId}' is no longer an electricity import meter of the same customer without ${household!.link.meter}: nothing was onboarded`);
      }
      if (lostRace(error)) throw new ConflictError(`smart meter '${account.smartMeterId}' was being onboarded at the same time: check it, then retry if needed`);
      throw error;
    }
  }

  /**
   * Names a new meter (an export or a gas meter) on its household's meter, while that is still an electricity import
   * meter of the same customer with no such meter yet.
   */
  private householdLink(field: string, partnerId: string, smartMeterId: string, customerId: string | undefined) {
    return {
      TableName: this.tableName,
      Key: { [ACCOUNTS_PARTITION_KEY]: partnerId },
      UpdateExpression: 'SET #field = :meter',
      ConditionExpression: `attribute_exists(#pk) AND attribute_not_exists(#field) AND (attribute_not_exists(direction) OR direction = :import) AND (attribute_not_exists(fuel) OR fuel = :electricity) AND ${customerId === undefined ? 'attribute_not_exists(customerId)' : 'customerId = :customer'}`,
      ExpressionAttributeNames: { '#pk': ACCOUNTS_PARTITION_KEY, '#field': field },
      ExpressionAttributeValues: { ':meter': smartMeterId, ':import': 'import', ':electricity': 'electricity', ...(customerId !== undefined && { ':customer': customerId }) },
    };
  }

  async replaceKey(smartMeterId: string, keyHash: string): Promise<void> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { [ACCOUNTS_PARTITION_KEY]: smartMeterId }, ConsistentRead: true }),
    );
    if (!Item) throw new MeterNotFoundError(smartMeterId);
    const oldHash = Item.meterKeyHash as string | undefined;
    try {
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
    } catch (error) {
      // Another rotation landed first: its key is the meter's key now, so this one must not be handed out.
      if (lostRace(error)) throw new ConflictError(`the key of smart meter '${smartMeterId}' was replaced at the same time by another request: no new key was issued by this one; retry to get one`);
      throw error;
    }
  }

  async appendPlan(smartMeterId: string, entry: PlanPeriodStart, expectedLength: number): Promise<boolean> {
    try {
      await this.client.send(new UpdateCommand(this.planAppend({ smartMeterId, entry, expectedLength })));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async appendPlans(switches: readonly PlanSwitch[]): Promise<boolean> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: switches.map((s) => ({ Update: this.planAppend(s) })) }));
      return true;
    } catch (error) {
      if (lostRace(error)) return false;
      throw error;
    }
  }

  private planAppend({ smartMeterId, entry, expectedLength }: PlanSwitch) {
    return {
      TableName: this.tableName,
      Key: { [ACCOUNTS_PARTITION_KEY]: smartMeterId },
      UpdateExpression: 'SET planHistory = list_append(if_not_exists(planHistory, :empty), :entry), pricePlanId = :plan',
      ConditionExpression: expectedLength === 0 ? 'attribute_not_exists(planHistory) OR size(planHistory) = :n' : 'size(planHistory) = :n',
      ExpressionAttributeValues: { ':empty': [], ':entry': [entry], ':plan': entry.pricePlanId, ':n': expectedLength },
    };
  }
}

/** The authorizer's view of the keys table: one GetItem per uncached check. */
export class DynamoDbMeterKeyLookup implements MeterKeyLookup {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly keysTableName: string,
  ) {}

  async meterOfKey(keyHash: string): Promise<string | undefined> {
    return (await this.keyItem(keyHash))?.smartMeterId as string | undefined;
  }

  async personalKeyOf(keyHash: string): Promise<PersonalKeyOwner | undefined> {
    const item = await this.keyItem(keyHash);
    return typeof item?.[PERSONAL_KEY_OWNER] === 'string' && typeof item.keyId === 'string' ? { customerId: item[PERSONAL_KEY_OWNER], keyId: item.keyId } : undefined;
  }

  private async keyItem(keyHash: string): Promise<Record<string, unknown> | undefined> {
    // Eventually consistent: half a read unit. A rotated or revoked key may pass for a second more; API Gateway
    // caches the answer for up to 300 s anyway.
    const { Item } = await this.client.send(new GetCommand({ TableName: this.keysTableName, Key: { [METER_KEYS_PARTITION_KEY]: keyHash } }));
    return Item;
  }
}

/** A page's LastEvaluatedKey as an opaque cursor (its key attributes, all strings, as base64url JSON). */
function cursorOf(lastKey: Record<string, unknown> | undefined): string | undefined {
  return lastKey ? Buffer.from(JSON.stringify(lastKey)).toString('base64url') : undefined;
}

/** A cursor back into a start key: exactly the key attributes named, each a string; anything else is refused (400). */
function startKey(cursor: string, attributes: readonly string[]): Record<string, string> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const entries = key !== null && typeof key === 'object' && !Array.isArray(key) ? Object.entries(key) : [];
  const valid =
    entries.length > 0 &&
    entries.every(([name, value]) => attributes.includes(name) && typeof value === 'string' && value.length > 0 && value.length <= 256) &&
    entries.some(([name]) => name === ACCOUNTS_PARTITION_KEY);
  if (!valid) throw new ValidationError('cursor is not one this API gave out: start again without it');
  return Object.fromEntries(entries) as Record<string, string>;
}

/** A transaction cancelled because a condition failed or another write to the same item won: a lost race, not a fault. */
function lostRace(error: unknown): boolean {
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed' || reason.Code === 'TransactionConflict')
  );
}

function toItem(account: Account): Record<string, unknown> {
  return {
    [ACCOUNTS_PARTITION_KEY]: account.smartMeterId,
    kind: account.kind,
    direction: account.direction,
    fuel: account.fuel,
    ...(account.units !== undefined && { units: account.units }),
    ...(account.importMeterId !== undefined && { importMeterId: account.importMeterId }),
    ...(account.exportMeterId !== undefined && { exportMeterId: account.exportMeterId }),
    ...(account.electricityMeterId !== undefined && { electricityMeterId: account.electricityMeterId }),
    ...(account.gasMeterId !== undefined && { gasMeterId: account.gasMeterId }),
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
    kind: item.kind === 'interval' ? 'interval' : 'power', // accounts from before kinds existed are power meters
    direction: item.direction === 'export' ? 'export' : 'import', // and import meters
    fuel: item.fuel === 'gas' ? 'gas' : 'electricity', // and electricity meters
    ...(item.units === 'metric' || item.units === 'imperial' ? { units: item.units } : {}),
    ...(typeof item.importMeterId === 'string' && { importMeterId: item.importMeterId }),
    ...(typeof item.exportMeterId === 'string' && { exportMeterId: item.exportMeterId }),
    ...(typeof item.electricityMeterId === 'string' && { electricityMeterId: item.electricityMeterId }),
    ...(typeof item.gasMeterId === 'string' && { gasMeterId: item.gasMeterId }),
    pricePlanId,
    customerId: item.customerId as string | undefined,
    planHistory: planHistory.map((e) => ({ pricePlanId: e.pricePlanId, from: Number(e.from) })),
  };
}
