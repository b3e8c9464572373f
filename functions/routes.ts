import type { RouteDocs } from '../shared/http/openapi.js';
import { folderOf, type RouteEntry } from '../shared/http/route-entry.js';
import { docs as compareAllDocs } from './compare-all/docs.js';
import { route as compareAll } from './compare-all/route.js';
import { docs as comparePairsDocs } from './compare-pairs/docs.js';
import { docs as compareDualDocs } from './compare-dual/docs.js';
import { route as compareDual } from './compare-dual/route.js';
import { route as comparePairs } from './compare-pairs/route.js';
import { docs as deleteReadingsDocs } from './delete-readings/docs.js';
import { route as deleteReadings } from './delete-readings/route.js';
import { docs as getAccountDocs } from './get-account/docs.js';
import { docs as listAuditDocs } from './list-audit/docs.js';
import { route as listAudit } from './list-audit/route.js';
import { docs as meterAuditDocs } from './meter-audit/docs.js';
import { route as meterAudit } from './meter-audit/route.js';
import { route as getAccount } from './get-account/route.js';
import { docs as listAccountsDocs } from './list-accounts/docs.js';
import { docs as listMetersDocs } from './list-meters/docs.js';
import { route as listMeters } from './list-meters/route.js';
import { route as listAccounts } from './list-accounts/route.js';
import { docs as onboardMeterDocs } from './onboard-meter/docs.js';
import { route as onboardMeter } from './onboard-meter/route.js';
import { docs as listPricePlansDocs } from './list-price-plans/docs.js';
import { route as listPricePlans } from './list-price-plans/route.js';
import { docs as getPricePlanDocs } from './get-price-plan/docs.js';
import { route as getPricePlan } from './get-price-plan/route.js';
import { docs as putPricePlanDocs } from './put-price-plan/docs.js';
import { route as putPricePlan } from './put-price-plan/route.js';
import { docs as publishPricesDocs } from './publish-prices/docs.js';
import { route as publishPrices } from './publish-prices/route.js';
import { docs as readPricesDocs } from './read-prices/docs.js';
import { route as readPrices } from './read-prices/route.js';
import { docs as planCheapestWindowDocs } from './plan-cheapest-window/docs.js';
import { route as planCheapestWindow } from './plan-cheapest-window/route.js';
import { docs as meterCheapestWindowDocs } from './meter-cheapest-window/docs.js';
import { route as meterCheapestWindow } from './meter-cheapest-window/route.js';
import { docs as publishCarbonIntensityDocs } from './publish-carbon-intensity/docs.js';
import { route as publishCarbonIntensity } from './publish-carbon-intensity/route.js';
import { docs as readCarbonIntensityDocs } from './read-carbon-intensity/docs.js';
import { route as readCarbonIntensity } from './read-carbon-intensity/route.js';
import { docs as loadShiftDocs } from './load-shift/docs.js';
import { docs as publishCalorificValuesDocs } from './publish-calorific-values/docs.js';
import { route as publishCalorificValues } from './publish-calorific-values/route.js';
import { docs as readCalorificValuesDocs } from './read-calorific-values/docs.js';
import { route as readCalorificValues } from './read-calorific-values/route.js';
import { route as loadShift } from './load-shift/route.js';
import { docs as getStatementDocs } from './get-statement/docs.js';
import { route as getStatement } from './get-statement/route.js';
import { docs as exportUsageDocs } from './export-usage/docs.js';
import { route as exportUsage } from './export-usage/route.js';
import { docs as readReadingsDocs } from './read-readings/docs.js';
import { route as readReadings } from './read-readings/route.js';
import { docs as recommendDocs } from './recommend/docs.js';
import { route as recommend } from './recommend/route.js';
import { docs as rotateMeterKeyDocs } from './rotate-meter-key/docs.js';
import { route as rotateMeterKey } from './rotate-meter-key/route.js';
import { docs as savingsDocs } from './savings/docs.js';
import { route as savings } from './savings/route.js';
import { docs as compareIntervalsDocs } from './compare-intervals/docs.js';
import { route as compareIntervals } from './compare-intervals/route.js';
import { docs as storeIntervalsDocs } from './store-intervals/docs.js';
import { route as storeIntervals } from './store-intervals/route.js';
import { docs as readIntervalsDocs } from './read-intervals/docs.js';
import { route as readIntervals } from './read-intervals/route.js';
import { docs as storeReadingsDocs } from './store-readings/docs.js';
import { route as storeReadings } from './store-readings/route.js';
import { docs as switchPricePlanDocs } from './switch-price-plan/docs.js';
import { route as switchPricePlan } from './switch-price-plan/route.js';
import { docs as usageCostDocs } from './usage-cost/docs.js';
import { route as usageCost } from './usage-cost/route.js';
import { docs as usageDocs } from './usage/docs.js';
import { route as usage } from './usage/route.js';

import { docs as createApiKeyDocs } from './create-api-key/docs.js';
import { route as createApiKey } from './create-api-key/route.js';
import { docs as listApiKeysDocs } from './list-api-keys/docs.js';
import { route as listApiKeys } from './list-api-keys/route.js';
import { docs as revokeApiKeyDocs } from './revoke-api-key/docs.js';
import { route as revokeApiKey } from './revoke-api-key/route.js';
import { docs as getMeDocs } from './get-me/docs.js';
import { route as getMe } from './get-me/route.js';
import { docs as v1AccountDocs } from './v1-account/docs.js';
import { route as v1Account } from './v1-account/route.js';
import { docs as v1ConsumptionDocs } from './v1-consumption/docs.js';
import { route as v1Consumption } from './v1-consumption/route.js';
import { docs as v1ProductsDocs } from './v1-products/docs.js';
import { route as v1Products } from './v1-products/route.js';
import { docs as v1ProductDocs } from './v1-product/docs.js';
import { route as v1Product } from './v1-product/route.js';
import { docs as v1TariffRatesDocs } from './v1-tariff-rates/docs.js';
import { route as v1TariffRates } from './v1-tariff-rates/route.js';

/** A route as the stack, the local server, the OpenAPI document and the bench see it: its entry, its docs, its folder. */
export interface ApiRoute extends RouteEntry {
  docs: RouteDocs;
  /** Its folder under functions/, holding handler.ts (the Lambda entry). */
  folder: string;
}

const route = (entry: RouteEntry, docs: RouteDocs): ApiRoute => ({ ...entry, docs, folder: folderOf(entry.operationId) });

/**
 * Every route of the API, assembled from each route's own folder. Handlers never import this file (the layering test
 * checks it): a Lambda bundles its own route and nothing else.
 */
export const ROUTES: readonly ApiRoute[] = [
  route(storeReadings, storeReadingsDocs),
  route(readReadings, readReadingsDocs),
  route(storeIntervals, storeIntervalsDocs),
  route(readIntervals, readIntervalsDocs),
  route(compareIntervals, compareIntervalsDocs),
  route(compareAll, compareAllDocs),
  route(recommend, recommendDocs),
  route(comparePairs, comparePairsDocs),
  route(compareDual, compareDualDocs),
  route(savings, savingsDocs),
  route(usage, usageDocs),
  route(usageCost, usageCostDocs),
  route(deleteReadings, deleteReadingsDocs),
  route(listAccounts, listAccountsDocs),
  route(listMeters, listMetersDocs),
  route(getAccount, getAccountDocs),
  route(switchPricePlan, switchPricePlanDocs),
  route(meterAudit, meterAuditDocs),
  route(listAudit, listAuditDocs),
  route(onboardMeter, onboardMeterDocs),
  route(rotateMeterKey, rotateMeterKeyDocs),
  route(listPricePlans, listPricePlansDocs),
  route(getPricePlan, getPricePlanDocs),
  route(putPricePlan, putPricePlanDocs),
  route(publishPrices, publishPricesDocs),
  route(readPrices, readPricesDocs),
  route(planCheapestWindow, planCheapestWindowDocs),
  route(meterCheapestWindow, meterCheapestWindowDocs),
  route(publishCarbonIntensity, publishCarbonIntensityDocs),
  route(publishCalorificValues, publishCalorificValuesDocs),
  route(readCalorificValues, readCalorificValuesDocs),
  route(readCarbonIntensity, readCarbonIntensityDocs),
  route(loadShift, loadShiftDocs),
  route(getStatement, getStatementDocs),
  route(exportUsage, exportUsageDocs),
  route(getMe, getMeDocs),
  route(createApiKey, createApiKeyDocs),
  route(listApiKeys, listApiKeysDocs),
  route(revokeApiKey, revokeApiKeyDocs),
  // The Octopus-compatible read API (personal API keys, Basic auth; docs/api.md).
  route(v1Account, v1AccountDocs),
  route(v1Consumption, v1ConsumptionDocs),
  route(v1Products, v1ProductsDocs),
  route(v1Product, v1ProductDocs),
  route(v1TariffRates, v1TariffRatesDocs),
];

/** The meter-key authorizer's folder: a function of its own, invoked by API Gateway before the meters' routes. */
export const AUTHORIZER_FOLDER = 'authorizer';
/** The user pool's pre-token-generation trigger: operators' rights only with MFA (no route; Cognito invokes it). */
export const OPERATOR_MFA_GATE_FOLDER = 'operator-mfa-gate';
/** The scheduled fleet-health job (no route; EventBridge invokes it): see its job.ts. */
export { FLEET_HEALTH_JOB } from './count-silent-meters/job.js';
/** The deploy-time seed of a new stage's tables (no route; CloudFormation invokes it): see its use-case.ts. */
export { SEED_TABLES_JOB } from './seed-tables/job.js';

export function routeNamed(operationId: string): ApiRoute {
  const found = ROUTES.find((r) => r.operationId === operationId);
  if (!found) throw new Error(`no route ${operationId}`);
  return found;
}
