import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, meterEnergy, now, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { exportCsv, exportEspi, halfHourEnergy } from './use-case.js';

/** GET /usage/{smartMeterId}/export?from&to&format=csv|espi: the meter's half hours out, as CSV or Green Button. */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), accounts: accountsReader(), pricePlans: pricePlans() }),
  async ({ account, query }, deps) => {
    const span = { from: query.from, to: query.to };
    const rows = await halfHourEnergy(deps, account, span);
    const name = `usage-${account.smartMeterId}-${query.from}-${query.to}`;
    return query.format === 'csv'
      ? { body: undefined, text: exportCsv(rows), headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` } }
      : { body: undefined, text: exportEspi(account, span, query.tz, rows, now()), headers: { 'content-type': 'application/atom+xml', 'content-disposition': `attachment; filename="${name}.xml"` } };
  },
);
