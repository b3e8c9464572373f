/** The API, same-origin: the session's token on every call; failures as typed errors the screens know how to show. */

// The API's answers are typed by each route's own response schema (type-only imports: erased from the bundle), so a
// change to an answer fails the app's typecheck.
import type { AccountAnswer as Account } from '../../shared/http/response-schemas.js';
import type { AccountList } from '../../functions/list-accounts/docs.js';
import type { PeriodComparison, PlanSummary, SavingsReport } from '../../functions/savings/docs.js';
import type { UsageReport } from '../../functions/usage/docs.js';
import type { PlanPrices } from '../../functions/read-prices/docs.js';
import type { LoadShift } from '../../functions/load-shift/docs.js';
import type { Statement } from '../../functions/get-statement/docs.js';
import type { CatalogueAnswer } from '../../functions/list-price-plans/docs.js';
import type { CarbonIntensity } from '../../functions/read-carbon-intensity/docs.js';
import type { MeterKey, WindowAnswer } from '../../shared/http/response-schemas.js';
import type { MeterHealth, MeterList } from '../../functions/list-meters/docs.js';
import type { OnboardedMeter } from '../../functions/onboard-meter/docs.js';
import type { ReadingsDeletion } from '../../functions/delete-readings/docs.js';
import type { PairComparisonAnswer as PairComparison } from '../../functions/compare-pairs/docs.js';
import type { DualFuelComparisonAnswer as DualFuelComparison } from '../../functions/compare-dual/docs.js';
import type { UsageCost } from '../../functions/usage-cost/docs.js';
import type { AuditPageAnswer as AuditPage } from '../../shared/http/audit-schemas.js';
import type { Me } from '../../functions/get-me/docs.js';
import type { ApiKeyList } from '../../functions/list-api-keys/docs.js';
import type { NewApiKey } from '../../functions/create-api-key/docs.js';
export type { ApiKeyList, Me, NewApiKey };
export type { AuditPage, DualFuelComparison, MeterHealth, MeterKey, MeterList, OnboardedMeter, PairComparison, ReadingsDeletion, UsageCost };
export type { Account, AccountList, CarbonIntensity, CatalogueAnswer, LoadShift, Statement, WindowAnswer, PeriodComparison, PlanPrices, PlanSummary, SavingsReport, UsageReport };
export type Granularity = UsageReport['groupBy'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** 401: the session is over (expired or revoked): the app asks to sign in again. */
export class SessionExpiredError extends ApiError {}
/** 503 or no answer: the service is busy or unreachable: the app offers to try again. */
export class UnavailableError extends ApiError {}

let bearer: string | undefined;

export function useToken(token: string | undefined): void {
  bearer = token;
}

/** A download the API answers (CSV, XML): fetched with the session's token, then saved under `filename`. */
export async function download(path: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: { ...(bearer && { authorization: `Bearer ${bearer}` }) } });
  if (!response.ok) throw new ApiError(response.status, `the download failed (${response.status})`);
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; ifMatch?: string } = {}): Promise<T> {
  return (await apiDocument<T>(path, init)).body;
}

/** As `api`, with the answer's ETag: a document read to be changed (send it back as `ifMatch`). */
export async function apiDocument<T>(path: string, init: { method?: string; body?: unknown; ifMatch?: string } = {}): Promise<{ body: T; etag: string | undefined }> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(bearer && { authorization: `Bearer ${bearer}` }),
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
        ...(init.ifMatch && { 'if-match': init.ifMatch }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new UnavailableError(0, 'the service could not be reached');
  }
  const text = await response.text();
  let payload: unknown;
  try {
    payload = text ? JSON.parse(text) : undefined;
  } catch {
    payload = undefined;
  }
  // A success that is not JSON is no answer of the API's (a path that reached the app's index.html, say).
  if (response.ok && payload === undefined && text !== '') throw new ApiError(502, 'the service gave an answer the app cannot read');
  if (response.ok) return { body: payload as T, etag: response.headers.get('etag') ?? undefined };
  const message = (payload as { message?: string } | undefined)?.message ?? response.statusText;
  if (response.status === 401) throw new SessionExpiredError(401, message);
  if (response.status === 503 || response.status === 502 || response.status === 504) throw new UnavailableError(response.status, message);
  throw new ApiError(response.status, message);
}

export const meterPath = (smartMeterId: string) => encodeURIComponent(smartMeterId);

/** A meter id a URL can carry: the API's own rule (letters, digits and . _ : -, but not `.` or `..` alone). */
export const isMeterId = (id: string) => /^[A-Za-z0-9._:-]{1,128}$/.test(id) && id !== '.' && id !== '..';
