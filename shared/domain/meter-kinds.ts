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
