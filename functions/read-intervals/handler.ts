import { config } from '../../shared/config.js';
import { intervalUnitOf } from '../../shared/domain/meter-kinds.js';
import { pageCursors } from '../../shared/http/page-cursor.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { accountsReader, intervalsReader } from '../../shared/runtime.js';
import type { IntervalsAnswer } from './docs.js';
import { route } from './route.js';

/** GET /readings/intervals/{smartMeterId}?from&to&limit&cursor: the half hours, a page at a time. */
export const handler = routeHandler(
  route,
  () => ({ intervals: intervalsReader(), accounts: accountsReader() }),
  async ({ account, caller, path, query }, { intervals }) => {
    // A cursor continues the same meter and range: it holds the next half hour's start, sealed for them.
    const cursors = pageCursors(config().cursorSecret, route.operationId, caller, { meter: path.smartMeterId, from: query.from ?? '', to: query.to ?? '' });
    const position = cursors.open(query.cursor);
    const span = { from: position === undefined ? (query.from ?? 0) : Number(position), to: query.to ?? Number.MAX_SAFE_INTEGER };
    const page = await intervals.listPage(path.smartMeterId, span, query.limit);
    const unit = intervalUnitOf(account);
    const inUnit = page.intervals.map(({ start, kWh: value }) => ({ start, [unit]: value }) as IntervalsAnswer['intervals'][number]);
    const body: IntervalsAnswer = { intervals: inUnit, nextCursor: cursors.seal(page.next === undefined ? undefined : String(page.next)) ?? null };
    return { body };
  },
);
