import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { PersonalKeysStore, PersonalKeySummary, StoredPersonalKey } from '../../ports/personal-keys-store.js';
import { ConflictError } from '../../errors.js';
import { METER_KEYS_PARTITION_KEY, PERSONAL_KEY_OWNER } from './table-layout.js';

/** The item listing a customer's keys, in the keys table beside the key items (no key hash starts with `customer#`). */
export const customerKeysItem = (customerId: string) => ({ [METER_KEYS_PARTITION_KEY]: `customer#${customerId}` });

/**
 * Personal API keys in the meter keys table: one item per key (its SHA-256 → owner and key id, the authorizer's one
 * read, as for meters' keys) and one item per customer listing their keys. Both change in one transaction, each on its
 * own condition: the list's length below the limit, the key item new; a revocation deletes the key item only while
 * the list still holds it at the index read.
 */
export class DynamoDbPersonalKeysStore implements PersonalKeysStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(customerId: string, key: StoredPersonalKey, max: number): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { [METER_KEYS_PARTITION_KEY]: key.keyHash, [PERSONAL_KEY_OWNER]: customerId, keyId: key.keyId },
                ConditionExpression: 'attribute_not_exists(#hash)',
                ExpressionAttributeNames: { '#hash': METER_KEYS_PARTITION_KEY },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: customerKeysItem(customerId),
                UpdateExpression: 'SET #keys = list_append(if_not_exists(#keys, :none), :key)',
                ConditionExpression: 'attribute_not_exists(#keys) OR size(#keys) < :max',
                ExpressionAttributeNames: { '#keys': 'keys' },
                ExpressionAttributeValues: { ':none': [], ':key': [key], ':max': max },
              },
            },
          ],
        }),
      );
    } catch (error) {
      // The list's condition failed: the customer holds `max` keys already (a new key's hash never collides).
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.[1]?.Code === 'ConditionalCheckFailed') throw new ConflictError(`at most ${max} personal API keys: revoke one first`);
      throw error;
    }
  }

  async list(customerId: string): Promise<PersonalKeySummary[]> {
    return (await this.stored(customerId)).map(({ keyId, createdAt }) => ({ keyId, createdAt }));
  }

  async revoke(customerId: string, keyId: string): Promise<boolean> {
    const keys = await this.stored(customerId);
    const index = keys.findIndex((key) => key.keyId === keyId);
    if (index < 0) return false;
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.tableName, Key: { [METER_KEYS_PARTITION_KEY]: keys[index]!.keyHash } } },
          {
            // Only while the list is as read: a revocation racing another answers a 409 (retry), never a stray key.
            Update: {
              TableName: this.tableName,
              Key: customerKeysItem(customerId),
              UpdateExpression: `REMOVE #keys[${index}]`,
              ConditionExpression: `#keys[${index}].keyId = :keyId`,
              ExpressionAttributeNames: { '#keys': 'keys' },
              ExpressionAttributeValues: { ':keyId': keyId },
            },
          },
        ],
      }),
    );
    return true;
  }

  private async stored(customerId: string): Promise<StoredPersonalKey[]> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: customerKeysItem(customerId), ConsistentRead: true }));
    return (Item?.keys as StoredPersonalKey[] | undefined) ?? [];
  }
}
