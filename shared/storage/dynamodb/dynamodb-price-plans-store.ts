import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Catalogue, PricePlan } from '../../domain/price-plans.js';
import type { DayPrices } from '../../domain/published-prices.js';
import { ConflictError } from '../../errors.js';
import { seriesName, type HalfHourSeries, type PricePlansReader, type PricePlansStore, type Revised } from '../../ports/price-plans-store.js';
import { queryPages } from './query-pages.js';
import { PRICE_PLANS_PARTITION_KEY as PARTITION, PRICE_PLANS_SORT_KEY as ITEM } from './table-layout.js';

const CATALOGUE = 'catalogue';
const SETTINGS = 'settings';
const planItem = (pricePlanId: string) => `plan#${pricePlanId}`;
const dayItem = (day: number) => new Date(day * 1000).toISOString().slice(0, 10);
const dayOfItem = (item: string) => Date.parse(`${item}T00:00:00Z`) / 1000;
const encodePrices = (prices: DayPrices) => prices.map((p) => (p === null ? '' : String(p))).join(',');
const decodePrices = (text: string): DayPrices => text.split(',').map((p) => (p === '' ? null : Number(p)));

type Item = Record<string, unknown>;

/** Every item of a key condition, following LastEvaluatedKey. */
async function queryAll(client: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of queryPages(client, input)) items.push(...page);
  return items;
}

/** The day items of a series in [firstDay, lastDay], eventually or strongly consistent. */
function queryDays(client: DynamoDBDocumentClient, tableName: string, series: HalfHourSeries, firstDay: number, lastDay: number, consistent = false): Promise<Item[]> {
  return queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: '#partition = :series AND #item BETWEEN :first AND :last',
    ExpressionAttributeNames: { '#partition': PARTITION, '#item': ITEM },
    ExpressionAttributeValues: { ':series': series, ':first': dayItem(firstDay), ':last': dayItem(lastDay) },
    ConsistentRead: consistent,
  });
}

/** Reading the catalogue and half-hour series (eventually consistent: half the read units; a change is seen within a second). */
export function dynamoDbPricePlansReader(client: DynamoDBDocumentClient, tableName: string): PricePlansReader {
  return {
    async catalogue() {
      const items = await queryAll(client, {
        TableName: tableName,
        KeyConditionExpression: '#partition = :catalogue',
        ExpressionAttributeNames: { '#partition': PARTITION },
        ExpressionAttributeValues: { ':catalogue': CATALOGUE },
      });
      const settings = items.find((item) => item[ITEM] === SETTINGS);
      // A store nobody seeded holds no plans: GBP without VAT until it is seeded.
      return {
        currency: (settings?.currency as string | undefined) ?? 'GBP',
        vatRate: (settings?.vatRate as number | undefined) ?? 0,
        pricePlans: items.filter((item) => item[ITEM] !== SETTINGS).map((item) => JSON.parse(item.document as string) as PricePlan),
      };
    },
    async halfHourDays(series, firstDay, lastDay) {
      const items = await queryDays(client, tableName, series, firstDay, lastDay);
      return new Map(items.map((item) => [dayOfItem(item[ITEM] as string), decodePrices(item.prices as string)]));
    },
  };
}

/**
 * One plan's document with its revision, strongly consistent, by a Query (what a reader's grant allows): what
 * GET /price-plans/{id} answers with its ETag, so an edit starts from the latest revision.
 */
export function dynamoDbPlanDocuments(client: DynamoDBDocumentClient, tableName: string): Pick<PricePlansStore, 'plan'> {
  return {
    async plan(pricePlanId) {
      const { Items } = await client.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: '#partition = :catalogue AND #item = :plan',
          ExpressionAttributeNames: { '#partition': PARTITION, '#item': ITEM },
          ExpressionAttributeValues: { ':catalogue': CATALOGUE, ':plan': planItem(pricePlanId) },
          ConsistentRead: true,
        }),
      );
      const item = Items?.[0];
      return item ? { value: JSON.parse(item.document as string) as PricePlan, revision: item.revision as number } : undefined;
    },
  };
}

/** The live catalogue in DynamoDB: every write is conditional on the revision read, so a lost race is a 409. */
export class DynamoDbPricePlansStore implements PricePlansStore {
  readonly catalogue: PricePlansReader['catalogue'];
  readonly halfHourDays: PricePlansReader['halfHourDays'];

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    ({ catalogue: this.catalogue, halfHourDays: this.halfHourDays } = dynamoDbPricePlansReader(client, tableName));
  }

  async plan(pricePlanId: string): Promise<Revised<PricePlan> | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { [PARTITION]: CATALOGUE, [ITEM]: planItem(pricePlanId) }, ConsistentRead: true }),
    );
    return Item ? { value: JSON.parse(Item.document as string) as PricePlan, revision: Item.revision as number } : undefined;
  }

  async savePlan(plan: PricePlan, revision: number | undefined): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { [PARTITION]: CATALOGUE, [ITEM]: planItem(plan.pricePlanId), document: JSON.stringify(plan), revision: (revision ?? 0) + 1 },
          ...revisionCondition(revision),
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') throw new ConflictError(`price plan '${plan.pricePlanId}' was changed by another request meanwhile: read it again and retry`);
      throw error;
    }
  }

  async halfHourDaysForUpdate(series: HalfHourSeries, days: readonly number[]): Promise<Map<number, Revised<DayPrices>>> {
    if (days.length === 0) return new Map();
    const sorted = [...days].sort((a, b) => a - b);
    const items = await queryDays(this.client, this.tableName, series, sorted[0]!, sorted.at(-1)!, true);
    const wanted = new Set(days);
    return new Map(
      items
        .map((item) => [dayOfItem(item[ITEM] as string), { value: decodePrices(item.prices as string), revision: item.revision as number }] as const)
        .filter(([day]) => wanted.has(day)),
    );
  }

  async saveHalfHourDays(series: HalfHourSeries, days: readonly { day: number; prices: DayPrices; revision: number | undefined }[]): Promise<void> {
    if (days.length === 0) return;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: days.map(({ day, prices, revision }) => ({
            Put: {
              TableName: this.tableName,
              Item: { [PARTITION]: series, [ITEM]: dayItem(day), prices: encodePrices(prices), revision: (revision ?? 0) + 1 },
              ...revisionCondition(revision),
            },
          })),
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException && error.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) {
        throw new ConflictError(`${seriesName(series)} changed by another publication meanwhile: retry`);
      }
      throw error;
    }
  }

  async seed(catalogue: Catalogue): Promise<boolean> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { [PARTITION]: CATALOGUE, [ITEM]: SETTINGS }, ConsistentRead: true }));
    if (Item) return false;
    // Plans first, the settings item last: a seed cut short is finished by the next start.
    for (const plan of catalogue.pricePlans) {
      try {
        await this.savePlan(plan, undefined);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error; // written by the seed that was cut short: kept as it is
      }
    }
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { [PARTITION]: CATALOGUE, [ITEM]: SETTINGS, currency: catalogue.currency, vatRate: catalogue.vatRate } }));
    return true;
  }
}

/** A write that lands only on the revision read (or only on a new item when none was). */
function revisionCondition(revision: number | undefined): { ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
  return revision === undefined
    ? { ConditionExpression: 'attribute_not_exists(#item)', ExpressionAttributeNames: { '#item': ITEM } }
    : { ConditionExpression: '#revision = :revision', ExpressionAttributeNames: { '#revision': 'revision' }, ExpressionAttributeValues: { ':revision': revision } };
}
