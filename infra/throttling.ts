/**
 * Route limits derived from the fleet a stage carries (docs/deploying.md, "Throttling sized from the fleet"). API Gateway limits
 * each route on its own, so a flood on one route (fake keys on the store, say) throttles that route only: meters'
 * ingestion, customers' reads and writes each have their own limits and cannot starve one another.
 */

export interface RouteLimit {
  rateLimit: number;
  burstLimit: number;
}

export interface Fleet {
  meters: number;
  sendEverySeconds: number;
  /** The meters' sends of one interval arrive within this many seconds of its start (default: evenly spread). */
  sendSpreadSeconds?: number;
}

export interface FleetLimits {
  /** Batches per second on average, and in the busiest second of an interval. */
  average: number;
  peak: number;
  /** The meter-key route (readings in). */
  ingest: RouteLimit;
  /** Each read route (GET) of customers, operators and machines. */
  reads: RouteLimit;
  /** Each write route of operators, machines and customers (switching plans, onboarding, publishing prices). */
  writes: RouteLimit;
  /** How long API Gateway keeps the meter-key authorizer's answer for a key. */
  authorizerCacheSeconds: number;
}

/** API Gateway's default quota per account and region (all APIs together): a route limit above it is never reached. */
export const ACCOUNT_QUOTA: RouteLimit = { rateLimit: 10_000, burstLimit: 5_000 };
/** Room above the peak for meters' retries (a 429 or 503 is retried by the meter). */
export const RETRY_HEADROOM = 1.2;
/** Customers' reads at the evening peak: one household in 1,000 makes a request each second (1 in 100 with the app open, a request every 10 s). */
export const READERS_PER_REQUEST = 1_000;
/** Writes are operators and supplier systems: a handful of people and feeds, bounded, not scaled with the fleet. */
export const WRITES: RouteLimit = { rateLimit: 50, burstLimit: 100 };
/**
 * A public route (no credential: costing a household's own file): its own limit, whatever the fleet, so anonymous
 * callers cannot crowd out the product's own routes. At most ~150 ms of a function per request, so 5 a second is under
 * one concurrent function on average, with room for bursts of 20.
 */
export const PUBLIC_ROUTE: RouteLimit = { rateLimit: 5, burstLimit: 20 };
/** The lowest limit any route gets (a small fleet still lets a person use the app). */
const FLOOR = 10;

/**
 * average = meters ÷ sendEverySeconds; peak = meters ÷ sendSpreadSeconds;
 * ingest rate = ⌈1.2 × peak⌉, burst = min(2 × rate, 5,000); reads rate = max(10, ⌈meters ÷ 1,000⌉), burst = min(2 × rate, 5,000);
 * writes 50, burst 100; the authorizer cache = 4 send intervals, between 300 s and API Gateway's maximum of 3,600 s, so at
 * most one batch in four (at a 15-minute interval) costs an authorizer invocation.
 */
export function limitsForFleet({ meters, sendEverySeconds, sendSpreadSeconds = sendEverySeconds }: Fleet): FleetLimits {
  const average = meters / sendEverySeconds;
  const peak = meters / sendSpreadSeconds;
  const withBurst = (rateLimit: number): RouteLimit => ({ rateLimit, burstLimit: Math.min(2 * rateLimit, ACCOUNT_QUOTA.burstLimit) });
  return {
    average,
    peak,
    ingest: withBurst(Math.max(FLOOR, Math.ceil(RETRY_HEADROOM * peak))),
    reads: withBurst(Math.max(FLOOR, Math.ceil(meters / READERS_PER_REQUEST))),
    writes: WRITES,
    authorizerCacheSeconds: Math.min(3_600, Math.max(300, 4 * sendEverySeconds)),
  };
}

/** Why a fleet's limits cannot all be reached in one account without a quota increase (empty when they can). */
export function quotaWarnings(limits: FleetLimits): string[] {
  const busiest = limits.ingest.rateLimit + limits.reads.rateLimit;
  return busiest > ACCOUNT_QUOTA.rateLimit
    ? [`ingestion (${limits.ingest.rateLimit}/s) and reads (${limits.reads.rateLimit}/s) together exceed API Gateway's default account quota of ${ACCOUNT_QUOTA.rateLimit}/s: ask for an increase (Service Quotas, "Throttle rate") before onboarding this fleet`]
    : [];
}
