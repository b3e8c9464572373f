import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../shared/domain/audit.js';
import { routeHandler } from '../../shared/http/pipeline.js';
import { OPERATORS_ONLY, type RouteEntry } from '../../shared/http/route-entry.js';
import type { AuditLog } from '../../shared/ports/audit-log.js';
import { apiEvent, parseResult } from '../support/events.js';

/** An audit trail in memory: what the pipeline appends, in order. */
class RecordedTrail implements AuditLog {
  readonly records: AuditRecord[] = [];
  async append(record: AuditRecord): Promise<void> {
    this.records.push(record);
  }
}

const recorded = (details: () => Record<string, unknown>) =>
  ({ operationId: 'changeSomething', method: 'POST', path: '/admin/something', access: OPERATORS_ONLY, stores: { audit: 'append' }, audit: { details } }) as const satisfies RouteEntry;

describe('the pipeline records a state-changing request in the audit trail (#39)', () => {
  it('appends one record with who, what and the essentials the route picks, after the answer is made', async () => {
    const trail = new RecordedTrail();
    const handler = routeHandler(recorded(() => ({ changed: 3 })), () => ({ audit: trail }), async () => ({ body: { ok: true } }));
    const answer = parseResult(await handler(apiEvent({ method: 'POST', path: '/admin/something', authorizer: { lambda: { caller: 'operator', sub: 'olga' } } })));
    expect(answer).toEqual({ status: 200, body: { ok: true } });
    expect(trail.records).toHaveLength(1);
    expect(trail.records[0]).toMatchObject({ actor: { kind: 'operator', sub: 'olga' }, operation: 'changeSomething', route: 'POST /admin/something', details: { changed: 3 }, outcome: { status: 200 } });
  });

  it('still appends the record when the route\'s picking of essentials throws, saying they are unavailable; the answer stands', async () => {
    const trail = new RecordedTrail();
    const handler = routeHandler(recorded(() => { throw new Error('no such field'); }), () => ({ audit: trail }), async () => ({ body: { ok: true } }));
    expect(parseResult(await handler(apiEvent({ method: 'POST', path: '/admin/something' }))).status).toBe(200);
    expect(trail.records).toHaveLength(1);
    expect(trail.records[0]!.details).toEqual({ unavailable: 'no such field' });
  });

  it('records nothing for a caller refused before the request was let through', async () => {
    const trail = new RecordedTrail();
    const handler = routeHandler(recorded(() => ({})), () => ({ audit: trail }), async () => ({ body: { ok: true } }));
    const refused = parseResult(await handler(apiEvent({ method: 'POST', path: '/admin/something', authorizer: { lambda: { caller: 'customer', sub: 'someone' } } })));
    expect(refused.status).toBe(403);
    expect(trail.records).toEqual([]);
  });
});
