import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import { routeNamed, ROUTES } from '../../functions/routes.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { parseRouteInput } from '../../shared/http/pipeline.js';
import { RangeQuerySchema } from '../../shared/http/request-schemas.js';
import { documentMismatch } from '../support/answers.js';
import { apiEvent } from '../support/events.js';

type Operation = { parameters: { name: string; in: string; example?: string }[]; responses: Record<string, unknown>; 'x-machine-scopes'?: string[] };
const operation = (document: Record<string, unknown>, path: string, method: string) =>
  (document.paths as Record<string, Record<string, Operation>>)[path]![method]!;

describe('OpenAPI document and validation come from the same route entry', () => {
  it('adding a query parameter to an entry changes validation and the document together', () => {
    const base = routeNamed('compareAll');
    const extended = { ...base, querySchema: v.object({ ...RangeQuerySchema.pipe[0].entries, currency: v.optional(v.picklist(['GBP', 'EUR'])) }) };
    const documented = (route: typeof base) => operation(openApiDocument([route]), route.path, 'get').parameters.map((p) => p.name);
    expect(documented(base)).not.toContain('currency');
    expect(documented(extended)).toContain('currency');

    const event = apiEvent({ pathParameters: { smartMeterId: 'smart-meter-0' }, query: { currency: 'USD' } });
    expect(parseRouteInput(base, event).query).toEqual({}); // unknown parameters are ignored by the plain entry
    expect(() => parseRouteInput(extended, event)).toThrow(ValidationError);
    expect(() => parseRouteInput(extended, event)).toThrow(/currency must be one of "GBP", "EUR"/);
  });

  it('lists 503 on every route (each reads DynamoDB), and names a server only when configuration gives one', () => {
    expect(openApiDocument(ROUTES).servers).toBeUndefined();
    expect(openApiDocument(ROUTES, { serverUrl: 'https://api.example.org' }).servers).toEqual([{ url: 'https://api.example.org', description: expect.any(String) }]);
    const document = openApiDocument(ROUTES);
    for (const route of ROUTES) expect(Object.keys(operation(document, route.path, route.method.toLowerCase()).responses)).toContain('503');
  });

  it("names the machine scopes that admit a supplier's system on exactly the operations whose access rule has them", () => {
    const document = openApiDocument(ROUTES);
    const scoped = ROUTES.filter((route) => operation(document, route.path, route.method.toLowerCase())['x-machine-scopes']);
    expect(scoped.map((r) => r.operationId).sort()).toEqual(ROUTES.filter((r) => r.access.scopes?.length).map((r) => r.operationId).sort());
    expect(operation(document, '/admin/price-plans/{pricePlanId}/prices', 'put')['x-machine-scopes']).toEqual(['joi-energy/prices.publish']);
    expect(operation(document, '/readings/store', 'post')['x-machine-scopes']).toEqual(['joi-energy/readings.import']);
  });

  it('pre-fills no example on the cost route that would combine period with from/to', () => {
    const names = operation(openApiDocument(ROUTES), '/usage/{smartMeterId}/cost', 'get').parameters.filter((p) => p.example !== undefined).map((p) => p.name);
    expect(names).toContain('period');
    expect(names).not.toContain('from');
    expect(names).not.toContain('to');
  });

  it('refuses an answer the published document does not describe: an undocumented status, or an extra field', () => {
    const account = routeNamed('getAccount');
    const ok = { smartMeterId: 'smart-meter-0', kind: 'power', direction: 'import', fuel: 'electricity', pricePlanId: 'price-plan-0', planHistory: [{ pricePlanId: 'price-plan-0', from: 0 }] };
    expect(documentMismatch(account, 200, ok)).toBeUndefined();
    expect(documentMismatch(account, 404, { message: 'no such meter' })).toBeUndefined();
    expect(documentMismatch(account, 418, { message: 'teapot' })).toContain('a status its OpenAPI document does not list');
    expect(documentMismatch(account, 200, { ...ok, planHistory: 'none' })).toContain('does not allow');
    expect(documentMismatch(account, 200, { ...ok, internalNote: 'an undocumented field' })).toContain('does not allow');
    expect(documentMismatch(account, 404, { error: 'no message' })).toContain('does not allow');
    expect(documentMismatch(routeNamed('listAccounts'), 200, { accounts: [], nextCursor: 7 })).toContain('does not allow');
  });
});
