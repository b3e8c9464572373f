import type { Account } from '../../shared/domain/accounts.js';
import type { Caller } from '../../shared/domain/authorization.js';
import { tariffCode, tariffCodeOf } from '../../shared/domain/octopus-names.js';
import type { PricePlan } from '../../shared/domain/price-plans.js';
import { meterNotFound, octopusTime } from '../../shared/http/octopus.js';
import type { AccountsStore } from '../../shared/ports/accounts-store.js';
import type { PricePlansReader } from '../../shared/ports/price-plans-store.js';
import { ownedMeters } from '../../shared/services/accounts.js';
import { accountNumberOf } from '../../shared/services/personal-keys.js';
import type { OctopusAccount } from './docs.js';

/** A plan history as agreements: each plan from its start to the next one's (the last open), with its tariff code. */
function agreementsOf(account: Account, plans: ReadonlyMap<string, PricePlan>) {
  return account.planHistory.map((entry, i) => {
    const plan = plans.get(entry.pricePlanId);
    const next = account.planHistory[i + 1];
    return {
      // A plan no longer in the catalogue keeps its name: the code of a single-rate plan of the meter's fuel.
      tariff_code: plan ? tariffCodeOf(plan) : tariffCode(entry.pricePlanId, account.fuel, '1R'),
      valid_from: octopusTime(entry.from),
      valid_to: next ? octopusTime(next.from) : null,
    };
  });
}

/**
 * The caller's account: their meters as one property's meter points. Only the caller's own number answers; any other
 * (and any caller without an account of their own) is the same 404, so a number's existence is not revealed.
 */
export async function octopusAccount(deps: { accounts: Pick<AccountsStore, 'ownedBy'>; pricePlans: PricePlansReader }, caller: Caller, accountNumber: string): Promise<OctopusAccount> {
  if ((caller.kind !== 'customer' && caller.kind !== 'personal') || accountNumberOf(caller.sub) !== accountNumber) throw meterNotFound();
  const [meters, catalogue] = await Promise.all([ownedMeters(deps.accounts, caller.sub), deps.pricePlans.catalogue()]);
  const plans = new Map(catalogue.pricePlans.map((plan) => [plan.pricePlanId, plan]));
  const starts = meters.flatMap((meter) => meter.planHistory.map((entry) => entry.from));
  const point = (meter: Account) => ({ meters: [{ serial_number: meter.smartMeterId }], agreements: agreementsOf(meter, plans) });
  return {
    number: accountNumber,
    properties: [
      {
        id: 1,
        moved_in_at: starts.length > 0 ? octopusTime(Math.min(...starts)) : null,
        moved_out_at: null,
        address_line_1: '',
        postcode: '',
        electricity_meter_points: meters
          .filter((meter) => meter.fuel === 'electricity')
          .map((meter) => ({ mpan: meter.smartMeterId, profile_class: 1, is_export: meter.direction === 'export', ...point(meter) })),
        gas_meter_points: meters.filter((meter) => meter.fuel === 'gas').map((meter) => ({ mprn: meter.smartMeterId, ...point(meter) })),
      },
    ],
  };
}
