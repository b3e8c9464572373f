import { beforeAll, describe, expect, it } from 'vitest';
import { handler as getAccountHandler } from '../../functions/get-account/handler.js';
import { handler as listPricePlansHandler } from '../../functions/list-price-plans/handler.js';
import { handler as onboardMeterHandler } from '../../functions/onboard-meter/handler.js';
import { routeNamed } from '../../functions/routes.js';
import { handler as switchPricePlanHandler } from '../../functions/switch-price-plan/handler.js';
import { parseCatalogue } from '../../shared/domain/price-plan-catalogue.js';
import { checked } from '../support/answers.js';
import { fixClock } from '../support/clock.js';
import { apiEvent, parseResult } from '../support/events.js';
import { freshTables } from '../support/tables.js';

fixClock();
const getAccount = checked(routeNamed('getAccount'), getAccountHandler);
const listPricePlans = checked(routeNamed('listPricePlans'), listPricePlansHandler);
const onboard = checked(routeNamed('onboardMeter'), onboardMeterHandler);
const switchPlan = checked(routeNamed('switchPricePlan'), switchPricePlanHandler);

const CATALOGUE = parseCatalogue(
  {
    currency: 'GBP',
    vatRate: 0.05,
    pricePlans: [
      { pricePlanId: 'flat', supplier: 'S', rates: [{ validFrom: 0, unitRate: 24.5, standingChargePerDay: 60 }] },
      { pricePlanId: 'gas-fixed', supplier: 'S', fuel: 'gas', rates: [{ validFrom: 0, unitRate: 6.2, standingChargePerDay: 31 }] },
      { pricePlanId: 'gas-tracker', supplier: 'S', fuel: 'gas', rates: [{ validFrom: 0, unitRate: 5.8, standingChargePerDay: 33 }] },
    ],
  },
  'gas test catalogue',
);

const onboardMeter = async (body: Record<string, unknown>) => parseResult(await onboard(apiEvent({ method: 'POST', path: '/admin/meters', body })));
const account = async (smartMeterId: string) => parseResult(await getAccount(apiEvent({ pathParameters: { smartMeterId } }))).body as Record<string, unknown>;

describe('gas meters: onboarded as interval meters of volume, on gas plans only (#37)', () => {
  beforeAll(async () => {
    await freshTables({ catalogue: CATALOGUE });
  });

  it('onboards a gas meter as an interval meter in m³ (or hundreds of cubic feet), and says so', async () => {
    expect((await onboardMeter({ smartMeterId: 'boiler', pricePlanId: 'gas-fixed', fuel: 'gas' })).status).toBe(201);
    expect(await account('boiler')).toMatchObject({ fuel: 'gas', kind: 'interval', units: 'metric', direction: 'import', pricePlanId: 'gas-fixed' });
    expect((await onboardMeter({ smartMeterId: 'old-boiler', pricePlanId: 'gas-fixed', fuel: 'gas', units: 'imperial' })).status).toBe(201);
    expect(await account('old-boiler')).toMatchObject({ fuel: 'gas', units: 'imperial' });
    expect(await account('smart-meter-0')).toMatchObject({ fuel: 'electricity' });
    expect(await account('smart-meter-0')).not.toHaveProperty('units');
  });

  it('refuses a gas meter sending power, exporting, on an electricity plan, and units on an electricity meter (400, naming why)', async () => {
    expect(await onboardMeter({ smartMeterId: 'g1', pricePlanId: 'gas-fixed', fuel: 'gas', kind: 'power' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('kind is interval') } });
    expect(await onboardMeter({ smartMeterId: 'g2', pricePlanId: 'gas-fixed', fuel: 'gas', direction: 'export', importMeterId: 'boiler' })).toMatchObject({ status: 400, body: { message: expect.stringContaining('households do not sell gas') } });
    expect(await onboardMeter({ smartMeterId: 'g3', pricePlanId: 'flat', fuel: 'gas' })).toMatchObject({ status: 400, body: { message: "pricePlanId 'flat' is an electricity plan: a gas meter is billed only on gas plans" } });
    expect(await onboardMeter({ smartMeterId: 'e1', pricePlanId: 'gas-fixed' })).toMatchObject({ status: 400, body: { message: "pricePlanId 'gas-fixed' is a gas plan: an electricity meter is billed only on electricity plans" } });
    expect(await onboardMeter({ smartMeterId: 'e2', pricePlanId: 'flat', units: 'imperial' })).toMatchObject({ status: 400 });
    for (const id of ['g1', 'g2', 'g3', 'e1', 'e2']) expect(parseResult(await getAccount(apiEvent({ pathParameters: { smartMeterId: id } }))).status).toBe(404);
  });

  it('switches a gas meter only to gas plans, lists the plans of one fuel, and refuses a gas export plan in a catalogue', async () => {
    const switchTo = async (smartMeterId: string, pricePlanId: string) => parseResult(await switchPlan(apiEvent({ method: 'PUT', pathParameters: { smartMeterId }, body: { pricePlanId } })));
    expect(await switchTo('boiler', 'flat')).toMatchObject({ status: 400, body: { message: expect.stringContaining('a gas meter is billed only on gas plans') } });
    expect(await switchTo('smart-meter-0', 'gas-tracker')).toMatchObject({ status: 400, body: { message: expect.stringContaining('an electricity meter is billed only on electricity plans') } });
    expect((await switchTo('boiler', 'gas-tracker')).status).toBe(200);
    const gas = parseResult(await listPricePlans(apiEvent({ query: { fuel: 'gas' } }))).body as { pricePlans: { pricePlanId: string }[] };
    expect(gas.pricePlans.map((p) => p.pricePlanId).sort()).toEqual(['gas-fixed', 'gas-tracker']);
    expect(() => parseCatalogue([{ pricePlanId: 'x', supplier: 'S', unitRate: 1, fuel: 'gas', direction: 'export' }])).toThrow('households do not sell gas');
  });
});
