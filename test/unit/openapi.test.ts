import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import { routeNamed, ROUTES } from '../../functions/routes.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { parseRouteInput } from '../../shared/http/pipeline.js';
import { RangeQuerySchema } from '../../shared/http/request-schemas.js';
import { apiEvent } from '../support/events.js';

type Operation = { parameters: { name: string; in: string; example?: string }[]; responses: Record<string, unknown> };
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

  it('lists 503 on every route (each reads DynamoDB) and no server taken from a request', () => {
    const document = openApiDocument(ROUTES);
    expect(document.servers).toBeUndefined();
    for (const route of ROUTES) expect(Object.keys(operation(document, route.path, route.method.toLowerCase()).responses)).toContain('503');
  });

  it('pre-fills no example on the cost route that would combine period with from/to', () => {
    const names = operation(openApiDocument(ROUTES), '/usage/{smartMeterId}/cost', 'get').parameters.filter((p) => p.example !== undefined).map((p) => p.name);
    expect(names).toContain('period');
    expect(names).not.toContain('from');
    expect(names).not.toContain('to');
  });
});
