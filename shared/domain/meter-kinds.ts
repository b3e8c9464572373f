import type { Account, MeterKind } from './accounts.js';
import { ConflictError } from '../errors.js';

/** Where each kind of meter sends its data and where it is read back. */
const ROUTES_OF: Record<MeterKind, { sends: string; store: string; read: string }> = {
  power: { sends: 'power readings (kW)', store: 'POST /readings/store', read: 'GET /readings/read/' },
  interval: { sends: 'half-hour energy (kWh)', store: 'POST /readings/intervals', read: 'GET /readings/intervals/' },
};

/**
 * A route for one kind of meter's data, called for a meter of the other kind: a 409 naming the meter's kind and the
 * route that takes (`store`) or answers (`read`) its data. Its kind is fixed at onboarding, so retrying cannot help.
 */
export function requireKind(account: Account, kind: MeterKind, use: 'store' | 'read'): void {
  if (account.kind === kind) return;
  const own = ROUTES_OF[account.kind];
  const where = use === 'store' ? `it takes ${own.sends} at ${own.store}` : `read its ${own.sends} at ${own.read}${account.smartMeterId}`;
  throw new ConflictError(`meter ${account.smartMeterId} is ${account.kind === 'interval' ? 'an interval' : 'a power'} meter: ${where}`);
}

/** What an interval meter's half hours are sent and stored in: energy (electricity), or volume (gas: m³, or 100 ft³). */
export const INTERVAL_UNITS = ['kWh', 'm3', 'ft3x100'] as const;
export type IntervalUnit = (typeof INTERVAL_UNITS)[number];

/** The unit a meter's half hours are in: kWh for electricity, its volume unit for gas. */
export function intervalUnitOf(meter: Pick<Account, 'fuel' | 'units'>): IntervalUnit {
  if (meter.fuel !== 'gas') return 'kWh';
  return meter.units === 'imperial' ? 'ft3x100' : 'm3';
}

const UNIT_NAMES: Record<IntervalUnit, string> = { kWh: 'energy in kWh', m3: 'gas volume in m³', ft3x100: 'gas volume in hundreds of cubic feet' };

/** Half hours sent in a unit the meter does not measure: a 409 naming the meter's fuel and its unit. */
export function requireIntervalUnit(account: Account, sent: IntervalUnit): void {
  const own = intervalUnitOf(account);
  if (own === sent) return;
  throw new ConflictError(`meter ${account.smartMeterId} is a${account.fuel === 'gas' ? ' gas' : 'n electricity'} meter: send its half hours as {"start", "${own}"} (${UNIT_NAMES[own]}), not ${sent}`);
}
