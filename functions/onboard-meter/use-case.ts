import { newAccount, type NewMeter } from '../../shared/domain/accounts.js';
import { ConflictError, ValidationError } from '../../shared/errors.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import { planForMeter } from '../../shared/services/accounts.js';
import { newMeterKey } from '../../shared/services/meter-keys.js';
import type { OnboardedMeter } from './docs.js';

/**
 * An operator onboards a meter: its account, on a plan of the catalogue of its direction, and its key, shown this
 * once. An export meter joins its household's import meter: the same customer (taken from it when not given), and
 * one export meter per import meter; the account and the link are one write (see AccountsStore.create).
 */
export async function onboardMeter(
  deps: { accounts: AccountsStore; pricePlans: PricePlansReader },
  request: { smartMeterId: string; pricePlanId: string } & NewMeter,
): Promise<OnboardedMeter> {
  const direction = request.direction ?? 'import';
  const fuel = request.fuel ?? 'electricity';
  if (fuel === 'gas' && request.kind === 'power') throw new ValidationError('a gas meter sends half-hourly volumes: its kind is interval (or leave kind out)');
  if (fuel === 'gas' && direction === 'export') throw new ValidationError('a gas meter is an import meter: households do not sell gas');
  if (fuel !== 'gas' && request.units !== undefined) throw new ValidationError('units are a gas meter\'s volume units: send them with "fuel": "gas"');
  await planForMeter(deps.pricePlans, request.pricePlanId, { direction, fuel });
  let customerId = request.customerId;
  if (direction === 'import' && request.importMeterId !== undefined) throw new ValidationError('importMeterId names the household import meter of an export meter: send it with "direction": "export"');
  if (direction === 'export') {
    if (request.importMeterId === undefined) throw new ValidationError('an export meter needs importMeterId: the import meter of its household');
    const household = await deps.accounts.find(request.importMeterId);
    if (!household) throw new ConflictError(`importMeterId '${request.importMeterId}' has no account: onboard the import meter first`);
    if (household.direction !== 'import') throw new ConflictError(`meter '${household.smartMeterId}' is an export meter, not an import meter`);
    if (household.exportMeterId !== undefined) throw new ConflictError(`meter '${household.smartMeterId}' already has an export meter: ${household.exportMeterId}`);
    if (customerId !== undefined && customerId !== household.customerId) throw new ConflictError(`meter '${household.smartMeterId}' belongs to another customer: an export meter shares its import meter's customer`);
    customerId = household.customerId;
  }
  const { key, hash } = newMeterKey();
  await deps.accounts.create(newAccount(request.smartMeterId, request.pricePlanId, { ...request, customerId }), hash);
  return { smartMeterId: request.smartMeterId, pricePlanId: request.pricePlanId, meterKey: key };
}
