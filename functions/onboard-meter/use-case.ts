import { householdLinkOf, newAccount, type HouseholdLink, type NewMeter } from '../../shared/domain/accounts.js';
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
  if (direction === 'import' && request.importMeterId !== undefined) throw new ValidationError('importMeterId names the household import meter of an export meter: send it with "direction": "export"');
  if (direction === 'export' && request.importMeterId === undefined) throw new ValidationError('an export meter needs importMeterId: the import meter of its household');
  if (fuel !== 'gas' && request.electricityMeterId !== undefined) throw new ValidationError('electricityMeterId names the household electricity meter of a gas meter: send it with "fuel": "gas"');
  // An export meter, or a linked gas meter, joins its household's electricity import meter and its customer.
  const linked = householdLinkOf(newAccount(request.smartMeterId, request.pricePlanId, request));
  const customerId = linked ? await householdCustomer(deps.accounts, linked, request.customerId) : request.customerId;
  const { key, hash } = newMeterKey();
  await deps.accounts.create(newAccount(request.smartMeterId, request.pricePlanId, { ...request, customerId }), hash);
  return { smartMeterId: request.smartMeterId, pricePlanId: request.pricePlanId, meterKey: key };
}

/**
 * The customer a household's new meter takes from the meter it names, which must be an electricity import meter with
 * no such meter yet, of the same customer when one is given (409 otherwise; the write checks it again).
 */
async function householdCustomer(accounts: Pick<AccountsStore, 'find'>, { link, partnerId }: { link: HouseholdLink; partnerId: string }, customerId: string | undefined): Promise<string | undefined> {
  const household = await accounts.find(partnerId);
  if (!household) throw new ConflictError(`${link.own} '${partnerId}' has no account: onboard the electricity meter first`);
  if (household.direction !== 'import' || household.fuel !== 'electricity') throw new ConflictError(`meter '${partnerId}' is not an electricity import meter: ${link.meter} joins one`);
  if (household[link.partner] !== undefined) throw new ConflictError(`meter '${partnerId}' already has ${link.meter}: ${household[link.partner]}`);
  if (customerId !== undefined && customerId !== household.customerId) throw new ConflictError(`meter '${partnerId}' belongs to another customer: ${link.meter} shares its household meter's customer`);
  return household.customerId;
}

