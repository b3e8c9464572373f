import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePath, loadRoutes } from '../../local/http-server.js';
import { ROUTES } from '../../shared/http/routes.js';

describe('the route table', () => {
  it('names a handler module in functions/ exporting `handler` for every route', async () => {
    for (const route of ROUTES) expect(existsSync(`functions/${route.handler}.ts`), route.handler).toBe(true);
    const loaded = await loadRoutes();
    expect(loaded.map((r) => r.route)).toEqual(ROUTES);
    for (const { handler } of loaded) expect(typeof handler).toBe('function');
  });

  it('gives every route its own handler and a unique method + path', () => {
    expect(new Set(ROUTES.map((r) => r.handler)).size).toBe(ROUTES.length);
    expect(new Set(ROUTES.map((r) => `${r.method} ${r.path}`)).size).toBe(ROUTES.length);
    expect(new Set(ROUTES.map((r) => r.operationId)).size).toBe(ROUTES.length);
  });

  it('matches API Gateway path parameters the way the local server routes them', () => {
    const { pattern, parameterNames } = compilePath('/readings/read/{smartMeterId}');
    expect(parameterNames).toEqual(['smartMeterId']);
    expect(pattern.exec('/readings/read/smart-meter-0')?.[1]).toBe('smart-meter-0');
    expect(pattern.test('/readings/read/a/b')).toBe(false);
  });
});
