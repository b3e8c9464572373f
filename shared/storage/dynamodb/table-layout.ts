/**
 * The DynamoDB layout, shared by the adapters, the CDK stack and the local/test table set-up.
 *
 * Readings table: one item per meter per hour.
 *   smartMeterId (S, partition key) | bucketStart (N, sort key: epoch seconds of the hour)
 *   + one top-level attribute per reading, named by its offset in seconds into the hour in base 36
 *     ("0".."2rz"), holding the power in kW.
 * A batch of minute readings touches one or two items, each under 1 KB, so it costs 1–2 write units; a reading
 * written twice lands on the same attribute (idempotent, last value wins).
 *
 * Accounts table: one item per meter: smartMeterId (S, partition key), kind (S: power | interval; absent: power),
 *   direction (S: import | export; absent: import), fuel (S: electricity | gas; absent: electricity), units (S: a gas
 *   meter's metric | imperial), importMeterId / exportMeterId (S: the household's other meter),
 *   pricePlanId (the latest switch),
 *   planHistory (L of {pricePlanId, from}), customerId (the owner's `sub`), meterKeyHash (SHA-256 of its key).
 *
 * Meter keys table: one item per live key: keyHash (S, partition key: the key's SHA-256, hex) → smartMeterId.
 * The authorizer's single GetItem; a rotation deletes the old item and puts the new one in one transaction.
 * Customers' personal API keys live here too: keyHash → personalKeyOf (the owner's `sub`) and keyId; and one item per
 * customer, keyHash `customer#<sub>` → keys (L of {keyId, createdAt, keyHash}), changed with the key items in one
 * transaction (dynamodb-personal-keys-store.ts).
 */
export const READINGS_PARTITION_KEY = 'smartMeterId';
export const READINGS_SORT_KEY = 'bucketStart';
export const BUCKET_SECONDS = 3600;
export const ACCOUNTS_PARTITION_KEY = 'smartMeterId';
/**
 * Accounts by owner: a global secondary index keyed by customerId (sorted by meter id), projecting only the plan
 * fields, so a customer's "my meters" is one Query and the key hash never leaves the base table.
 */
export const ACCOUNTS_BY_CUSTOMER = {
  indexName: 'byCustomer',
  partitionKey: 'customerId',
  sortKey: ACCOUNTS_PARTITION_KEY,
  projectedAttributes: ['kind', 'direction', 'fuel', 'units', 'importMeterId', 'exportMeterId', 'electricityMeterId', 'gasMeterId', 'pricePlanId', 'planHistory'],
} as const;

/** What a page of accounts may read: never the key hash (the list route's IAM policy allows only these). */
export const ACCOUNT_LIST_ATTRIBUTES = [ACCOUNTS_PARTITION_KEY, 'kind', 'direction', 'fuel', 'units', 'importMeterId', 'exportMeterId', 'electricityMeterId', 'gasMeterId', 'pricePlanId', 'planHistory', 'customerId'] as const;

/**
 * A string-keyed global secondary index, as the stack and the local tables build it: projecting the attributes named
 * (INCLUDE), or every attribute when it names none.
 */
export interface IndexLayout {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  projectedAttributes?: readonly string[];
}
export const METER_KEYS_PARTITION_KEY = 'keyHash';
/** A personal key item's owner (a customer's `sub`). */
export const PERSONAL_KEY_OWNER = 'personalKeyOf';
/**
 * Summaries table: smartMeterId (S, partition key) | period (S, sort key): `m#YYYY-MM` month items (per day: version,
 * lease, summary tag, kWh) and `d#YYYY-MM-DD` day items (48 half-hour kWh). See dynamodb-summaries-store.ts.
 */
export const SUMMARIES_PARTITION_KEY = 'smartMeterId';
export const SUMMARIES_SORT_KEY = 'period';

export interface TableNames {
  readings: string;
  accounts: string;
  meterKeys: string;
  summaries: string;
  pricePlans: string;
  audit: string;
}

/**
 * Audit table: one item per recorded action, never changed: month (S, partition key: `YYYY-MM` of the action, UTC) |
 * at (S, sort key: the ISO 8601 time to the millisecond, `#`, the request id), with who, what, which meter or plan,
 * the request's essentials and the outcome. Operator actions are few: a month is one partition, read newest first.
 */
export const AUDIT_PARTITION_KEY = 'month';
export const AUDIT_SORT_KEY = 'at';
/** A meter's records, newest first: the customer's view and the operators' filter by meter (every attribute). */
export const AUDIT_BY_METER = { indexName: 'byMeter', partitionKey: 'smartMeterId', sortKey: AUDIT_SORT_KEY } as const;

/**
 * Price plans table: partition (S, partition key) | item (S, sort key).
 *   partition `catalogue`: item `settings` {currency, vatRate}; items `plan#<pricePlanId>` {document (S: the plan's
 *     JSON), revision (N)}. The whole catalogue is one Query of one small partition.
 *   partition `prices#<pricePlanId>`: item `YYYY-MM-DD` (a UTC day) {prices (S: 48 comma-separated rates, empty where
 *     none is published), revision (N)}. A year of a dynamic plan's prices is one Query of ~130 KB.
 */
export const PRICE_PLANS_PARTITION_KEY = 'partition';
export const PRICE_PLANS_SORT_KEY = 'item';
