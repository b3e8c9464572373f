import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICE_PLANS } from '../../shared/catalogue/default-catalogue.js';
import { parseCatalogue, parseCatalogueJson, unknownPlanIds } from '../../shared/domain/price-plan-catalogue.js';
import { ECONOMY_7 } from '../support/plans.js';

const economy7 = ECONOMY_7;

describe('price plan catalogue', () => {
  it('ships the three demo plans unchanged: flat 10 / 2 / 1, no standing charge', () => {
    expect(DEFAULT_PRICE_PLANS).toEqual([
      { pricePlanId: 'price-plan-0', supplier: "Dr Evil's Dark Energy", unitRate: 10 },
      { pricePlanId: 'price-plan-1', supplier: 'The Green Eco', unitRate: 2 },
      { pricePlanId: 'price-plan-2', supplier: 'Power for Everyone', unitRate: 1 },
    ]);
  });

  it('accepts the documented example entry', () => {
    const [plan] = parseCatalogue([
      { ...economy7, peakTimeMultipliers: [{ dayOfWeek: 'SATURDAY', multiplier: 0.8 }] },
    ]);
    expect(plan!.timeOfUse).toEqual(economy7.timeOfUse);
  });

  it.each([
    ['[{"pricePlanId":"a","supplier":"S"}]', 'entry 0 (a): unitRate is required'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1},{"pricePlanId":"b","supplier":"S","unitRate":-1}]', 'entry 1 (b): unitRate must be >= 0'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1,"timeOfUse":[{"from":"24:00","to":"01:00","unitRate":1}]}]', 'timeOfUse[0].from'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1,"timeZone":"Nowhere"}]', 'timeZone must be an IANA time zone'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1,"peakTimeMultipliers":[{"dayOfWeek":"FUNDAY","multiplier":1}]}]', 'dayOfWeek'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1},{"pricePlanId":"a","supplier":"T","unitRate":2}]', 'entry 1 (a): duplicate pricePlanId'],
    ['[]', 'non-empty array'],
    ['{', 'not valid JSON'],
  ])('refuses %s naming the bad entry', (json, message) => {
    expect(() => parseCatalogueJson(json, 'plans.json')).toThrow(message);
  });

  it('reports accounts on plans the catalogue does not hold', () => {
    const accounts = [{ smartMeterId: 'm1', pricePlanId: 'price-plan-0' }, { smartMeterId: 'm2', pricePlanId: 'gone' }, { smartMeterId: 'm3' }];
    expect(unknownPlanIds(DEFAULT_PRICE_PLANS, accounts)).toEqual([{ smartMeterId: 'm2', pricePlanId: 'gone' }]);
  });
});
