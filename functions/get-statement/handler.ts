import { untilNow } from '../../shared/domain/time.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, meterEnergy, pricePlans } from '../../shared/runtime.js';
import { route } from './route.js';
import { statement, statementCsv } from './use-case.js';

/** GET /statements/{smartMeterId}?from&to&format: an itemised statement that reconciles to the penny (JSON or CSV). */
export const handler = routeHandler(
  route,
  () => ({ ...meterEnergy(), pricePlans: pricePlans(), accounts: accountsReader() }),
  async ({ account, query }, deps) => {
    const answer = await statement(deps, account, untilNow({ from: query.from, to: query.to }, deps.now()));
    if (query.format === 'json') return { body: answer };
    return {
      body: undefined,
      text: statementCsv(answer),
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="statement-${account.smartMeterId}-${query.from}-${query.to}.csv"` },
    };
  },
);
