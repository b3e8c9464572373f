import type { Direction, Fuel } from './price-plan-catalogue.js';
import type { Span } from './time.js';

/** One plan a meter was (or will be) billed on, from an instant on (epoch seconds). */
export interface PlanPeriodStart {
  pricePlanId: string;
  from: number;
}

/**
 * What a meter sends: `power` samples (kW, integrated over time: the seed's meters) or half-hourly `interval` energy
 * (kWh per UTC half hour, as suppliers and the DCC hand it out). Fixed at onboarding.
 */
export const METER_KINDS = ['power', 'interval'] as const;
export type MeterKind = (typeof METER_KINDS)[number];

/** Who a meter belongs to, what it sends and which plan it is billed on. */
export interface Account {
  smartMeterId: string;
  kind: MeterKind;
  /** Energy bought from the grid (import) or sold to it (export, e.g. solar); fixed at onboarding. */
  direction: Direction;
  /** What it measures: electricity, or gas (an interval meter of volume, converted to kWh by calorific value). */
  fuel: Fuel;
  /** A gas meter's volume unit: cubic metres (metric, SMETS2) or hundreds of cubic feet (imperial). */
  units?: GasUnits;
  /** An export meter's household import meter (same customer), named at onboarding. */
  importMeterId?: string;
  /** An import meter's export meter, once one is onboarded naming it. */
  exportMeterId?: string;
  /** A gas meter's household electricity meter (same customer), named at onboarding: dual fuel. */
  electricityMeterId?: string;
  /** An electricity meter's gas meter, once one is onboarded naming it. */
  gasMeterId?: string;
  /** The plan in force now; absent while the customer has not chosen a plan. */
  pricePlanId?: string;
  /** The customer (the identity provider's `sub`) the meter belongs to; absent for meters nobody has claimed. */
  customerId?: string;
  /** Every plan the meter has been on, ascending; the first starts at 0 and covers all earlier usage. */
  planHistory: PlanPeriodStart[];
}

/**
 * The five demo customers of the seed document (Sarah, Peter, Charlie, Andrea, Alex), with power meters; a sixth,
 * Sam, whose meter reports half-hourly intervals as suppliers' meters do; a seventh, Sunny, a solar household with an
 * import meter and an export meter beside it; and Sarah's gas meter beside her electricity meter (dual fuel). Each
 * customer has a demo login.
 */
export const DEMO_ACCOUNTS: readonly Account[] = (
  [
    ['smart-meter-0', 'price-plan-0', 'sarah', 'power', { gasMeterId: 'smart-meter-7' }],
    ['smart-meter-1', 'price-plan-1', 'peter', 'power'],
    ['smart-meter-2', 'price-plan-0', 'charlie', 'power'],
    ['smart-meter-3', 'price-plan-2', 'andrea', 'power'],
    ['smart-meter-4', 'price-plan-1', 'alex', 'power'],
    ['smart-meter-5', 'price-plan-1', 'sam', 'interval'],
    ['smart-meter-6', 'price-plan-0', 'sunny', 'power', { exportMeterId: 'smart-meter-6-export' }],
    ['smart-meter-6-export', 'export-fixed', 'sunny', 'power', { direction: 'export', importMeterId: 'smart-meter-6' }],
    ['smart-meter-7', 'gas-standard', 'sarah', 'interval', { fuel: 'gas', units: 'metric', electricityMeterId: 'smart-meter-0' }],
  ] as const
).map(([smartMeterId, pricePlanId, name, kind, link]): Account => ({
  smartMeterId,
  kind,
  direction: 'import',
  fuel: 'electricity',
  ...link,
  pricePlanId,
  customerId: `demo-customer-${name}`,
  planHistory: [{ pricePlanId, from: 0 }],
}));

/** The plan in force at an instant: the last history entry starting at or before it. */
export function planAt(account: Account, time: number): string | undefined {
  let current: string | undefined;
  for (const entry of account.planHistory) if (entry.from <= time) current = entry.pricePlanId;
  return current;
}

/** The span cut where the plan changes: each part with the plan in force over it, in time order. */
export function planParts(account: Account, span: Span): (Span & { pricePlanId: string | undefined })[] {
  const parts: (Span & { pricePlanId: string | undefined })[] = [];
  const edges = account.planHistory.map((e) => e.from).filter((t) => t > span.from && t < span.to);
  const cuts = [span.from, ...edges, span.to];
  for (let i = 1; i < cuts.length; i++) parts.push({ from: cuts[i - 1]!, to: cuts[i]!, pricePlanId: planAt(account, cuts[i - 1]!) });
  return parts;
}

/** The volume units of gas meters. */
export const GAS_UNITS = ['metric', 'imperial'] as const;
export type GasUnits = (typeof GAS_UNITS)[number];

/** What onboarding says of a new meter beyond its id and plan. */
export type NewMeter = Partial<Pick<Account, 'customerId' | 'kind' | 'direction' | 'importMeterId' | 'electricityMeterId' | 'fuel' | 'units'>>;

/** A new meter's account: on `pricePlanId` from the beginning of time (its first plan covers all earlier usage). */
export function newAccount(smartMeterId: string, pricePlanId?: string, meter: NewMeter = {}): Account {
  const { customerId, fuel = 'electricity', kind = fuel === 'gas' ? 'interval' : 'power', direction = 'import', importMeterId, electricityMeterId, units } = meter;
  return {
    smartMeterId,
    kind,
    direction,
    fuel,
    ...(fuel === 'gas' && { units: units ?? 'metric' }),
    ...(importMeterId !== undefined && { importMeterId }),
    ...(electricityMeterId !== undefined && { electricityMeterId }),
    pricePlanId,
    customerId,
    planHistory: pricePlanId === undefined ? [] : [{ pricePlanId, from: 0 }],
  };
}

/**
 * A household's meters beside its electricity import meter, each naming it at onboarding: an export meter (solar)
 * and a gas meter (dual fuel). The new meter's field names its partner; the partner's field names it back.
 */
export const HOUSEHOLD_LINKS = [
  { own: 'importMeterId', partner: 'exportMeterId', meter: 'an export meter' },
  { own: 'electricityMeterId', partner: 'gasMeterId', meter: 'a gas meter' },
] as const satisfies readonly { own: keyof Account; partner: keyof Account; meter: string }[];
export type HouseholdLink = (typeof HOUSEHOLD_LINKS)[number];

/** The link a new account makes to its household's electricity meter, if it names one. */
export const householdLinkOf = (account: Account): { link: HouseholdLink; partnerId: string } | undefined => {
  const link = HOUSEHOLD_LINKS.find((l) => account[l.own] !== undefined);
  return link && { link, partnerId: account[link.own]! };
};

/** The household's other meter: an import meter's export meter, or an export meter's import meter. */
export const linkedMeterOf = (account: Account): string | undefined => (account.direction === 'export' ? account.importMeterId : account.exportMeterId);
