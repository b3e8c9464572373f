import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE } from '../../shared/catalogue/default-catalogue.js';
import { parseCatalogue, parseCatalogueJson, unknownPlanIds } from '../../shared/domain/price-plan-catalogue.js';
import { ECONOMY_7 } from '../support/plans.js';

const economy7 = ECONOMY_7;

describe('price plan catalogue', () => {
  it('ships the three demo plans unchanged: flat 10p / 2p / 1p, no standing charge, GBP without VAT (today\'s format still loads), two export plans for the solar demo and two gas plans for the dual-fuel one', () => {
    expect(DEFAULT_CATALOGUE).toEqual({
      currency: 'GBP',
      vatRate: 0,
      pricePlans: [
        { pricePlanId: 'price-plan-0', supplier: "Dr Evil's Dark Energy", rates: [{ validFrom: 0, unitRate: 10 }] },
        { pricePlanId: 'price-plan-1', supplier: 'The Green Eco', rates: [{ validFrom: 0, unitRate: 2 }] },
        { pricePlanId: 'price-plan-2', supplier: 'Power for Everyone', rates: [{ validFrom: 0, unitRate: 1 }] },
        { pricePlanId: 'export-fixed', supplier: 'Power for Everyone', direction: 'export', rates: [{ validFrom: 0, unitRate: 4 }] },
        { pricePlanId: 'export-peak', supplier: 'The Green Eco', direction: 'export', rates: [{ validFrom: 0, unitRate: 3, timeOfUse: [{ from: '11:00', to: '15:00', unitRate: 6 }] }] },
        { pricePlanId: 'gas-standard', supplier: 'Power for Everyone', fuel: 'gas', rates: [{ validFrom: 0, unitRate: 6.2, standingChargePerDay: 31 }] },
        { pricePlanId: 'gas-saver', supplier: 'The Green Eco', fuel: 'gas', rates: [{ validFrom: 0, unitRate: 5.9, standingChargePerDay: 35 }] },
      ],
    });
  });

  it('reads a flat entry of the first format as one version from 0 with all its fields', () => {
    const flat = { pricePlanId: 'e7', supplier: 'S', unitRate: 30, standingChargePerDay: 45, timeZone: 'Europe/London', timeOfUse: [{ from: '00:30', to: '07:30', unitRate: 12 }], peakTimeMultipliers: [{ dayOfWeek: 'SATURDAY', multiplier: 0.8 }] };
    expect(parseCatalogue([flat]).pricePlans[0]).toEqual({
      pricePlanId: 'e7', supplier: 'S', timeZone: 'Europe/London',
      rates: [{ validFrom: 0, unitRate: 30, standingChargePerDay: 45, timeOfUse: flat.timeOfUse, peakTimeMultipliers: flat.peakTimeMultipliers }],
    });
  });

  it('accepts the documented example of the versioned format, and the shipped example catalogue', () => {
    const catalogue = parseCatalogueJson(readFileSync('shared/catalogue/example-catalogue.json', 'utf8'));
    expect(catalogue.vatRate).toBe(0.05);
    expect(catalogue.pricePlans.map((p) => [p.pricePlanId, p.rates.length, p.dynamic ?? false])).toEqual([
      ['flex', 3, false],
      ['economy-7', 2, false],
      ['agile', 1, true],
      ['flux', 1, false],
      ['outgoing-fixed', 1, false],
      ['outgoing-agile', 1, true],
      ['flux-export', 1, false],
      ['gas-flex', 1, false],
      ['gas-fixed-12m', 1, false],
    ]);
    expect(catalogue.pricePlans.find((p) => p.pricePlanId === 'flux-export')).toMatchObject({ direction: 'export', requiresImport: ['flux'] });
    expect(parseCatalogue({ pricePlans: [economy7] })).toEqual({ currency: 'GBP', vatRate: 0, pricePlans: [economy7] });
  });

  it.each([
    ['[{"pricePlanId":"a","supplier":"S"}]', 'entry 0 (a): unitRate is required'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1},{"pricePlanId":"b","supplier":"S","unitRate":-1}]', 'entry 1 (b): unitRate must be >= 0'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1,"timeOfUse":[{"from":"24:00","to":"01:00","unitRate":1}]}]', 'timeOfUse[0].from'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1,"timeZone":"Nowhere"}]', 'timeZone must be an IANA time zone'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1,"peakTimeMultipliers":[{"dayOfWeek":"FUNDAY","multiplier":1}]}]', 'dayOfWeek'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1},{"pricePlanId":"a","supplier":"T","unitRate":2}]', 'entry 1 (a): duplicate pricePlanId'],
    ['[]', 'at least one price plan'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1,"direction":"export","standingChargePerDay":5}]', 'of an export plan hold no standing charge'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1,"requiresImport":["b"]},{"pricePlanId":"b","supplier":"S","unitRate":1}]', 'requiresImport is for export plans only'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1,"direction":"export","requiresImport":["b"]},{"pricePlanId":"b","supplier":"S","unitRate":1,"direction":"export"}]', 'requiresImport names b, which is not an import plan'],
    ['[{"pricePlanId":"a","supplier":"S","unitRate":1,"direction":"sideways"}]', 'direction'],
    ['[{"pricePlanId":"compare-all","supplier":"S","unitRate":1}]', "pricePlanId cannot be ., .. or a route's own word"],
    ['{"currency":"pounds","pricePlans":[{"pricePlanId":"a","supplier":"S","rates":[{"validFrom":0,"unitRate":1}]}]}', 'currency must be an ISO 4217 code'],
    ['{"vatRate":5,"pricePlans":[{"pricePlanId":"a","supplier":"S","rates":[{"validFrom":0,"unitRate":1}]}]}', 'vatRate must be <= 1'],
    ['{"pricePlans":[{"pricePlanId":"a","supplier":"S","rates":[{"validFrom":10,"unitRate":1},{"validFrom":5,"unitRate":2}]}]}', 'entry 0 (a): rates must be in ascending order of validFrom'],
    ['{"pricePlans":[{"pricePlanId":"a","supplier":"S","rates":[{"validFrom":0,"standingChargePerDay":1}]}]}', 'rates must each hold a unitRate'],
    ['{"pricePlans":[{"pricePlanId":"a","supplier":"S","dynamic":true,"rates":[{"validFrom":0,"unitRate":1}]}]}', 'rates of a dynamic plan hold standing charges only'],
    ['{"pricePlans":[{"pricePlanId":"a","supplier":"S","rates":[{"validFrom":0,"unitRate":1,"unitrate":2}]}]}', 'entry 0 (a): rates[0].unitrate'],
    ['{', 'not valid JSON'],
  ])('refuses %s naming the bad entry', (json, message) => {
    expect(() => parseCatalogueJson(json, 'plans.json')).toThrow(message);
  });

  it('reports accounts on plans the catalogue does not hold', () => {
    const accounts = [{ smartMeterId: 'm1', pricePlanId: 'price-plan-0' }, { smartMeterId: 'm2', pricePlanId: 'gone' }, { smartMeterId: 'm3' }];
    expect(unknownPlanIds(DEFAULT_CATALOGUE, accounts)).toEqual([{ smartMeterId: 'm2', pricePlanId: 'gone' }]);
  });
});
