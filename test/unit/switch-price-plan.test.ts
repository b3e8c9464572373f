import { describe, expect, it } from 'vitest';
import { switchPricePlan } from '../../functions/switch-price-plan/use-case.js';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { InMemoryAccountsStore, InMemoryPricePlansStore } from '../support/in-memory-stores.js';

const T = 1_780_000_000;

describe('a backdated switch to the plan already in force (#33.7)', () => {
  it('changes nothing, and so never blocks a later backdated switch that is legitimate', async () => {
    const accounts = new InMemoryAccountsStore([{ smartMeterId: 'm', kind: 'power', direction: 'import', fuel: 'electricity', pricePlanId: 'price-plan-1', planHistory: [{ pricePlanId: 'price-plan-0', from: 0 }, { pricePlanId: 'price-plan-1', from: T }] }]);
    const deps = { accounts, pricePlans: new InMemoryPricePlansStore(DEFAULT_CATALOGUE), now: () => T + 86_400 };
    const same = await switchPricePlan(deps, (await accounts.find('m'))!, { pricePlanId: 'price-plan-1', from: T + 3600 });
    expect(same.planHistory).toEqual([{ pricePlanId: 'price-plan-0', from: 0 }, { pricePlanId: 'price-plan-1', from: T }]);
    expect((await accounts.find('m'))!.planHistory).toHaveLength(2);
    // A switch to another plan from between the last switch and the no-op's instant is still allowed.
    const earlier = await switchPricePlan(deps, (await accounts.find('m'))!, { pricePlanId: 'price-plan-2', from: T + 1800 });
    expect(earlier.planHistory.at(-1)).toEqual({ pricePlanId: 'price-plan-2', from: T + 1800 });
    // And a switch from now to the plan in force now changes nothing either.
    const now = await switchPricePlan(deps, (await accounts.find('m'))!, { pricePlanId: 'price-plan-2' });
    expect(now.planHistory).toHaveLength(3);
  });
});
