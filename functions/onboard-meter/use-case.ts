import { newAccount, type MeterKind } from '../../shared/domain/accounts.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import { catalogueEntry } from '../../shared/services/accounts.js';
import { newMeterKey } from '../../shared/services/meter-keys.js';
import type { OnboardedMeter } from './docs.js';

/** An operator onboards a meter: its account, on a plan of the catalogue, and its key, shown this once. */
export async function onboardMeter(
  deps: { accounts: AccountsStore; pricePlans: PricePlansReader },
  request: { smartMeterId: string; pricePlanId: string; customerId?: string; kind?: MeterKind },
): Promise<OnboardedMeter> {
  await catalogueEntry(deps.pricePlans, request.pricePlanId);
  const { key, hash } = newMeterKey();
  await deps.accounts.create(newAccount(request.smartMeterId, request.pricePlanId, request.customerId, request.kind), hash);
  return { smartMeterId: request.smartMeterId, pricePlanId: request.pricePlanId, meterKey: key };
}
