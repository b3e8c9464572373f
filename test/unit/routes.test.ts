import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { byPrecedence, compilePath, loadRoutes } from '../../local/http-server.js';
import { PlanIdSchema } from '../../shared/domain/price-plan-catalogue.js';
import { RESERVED_PLAN_IDS } from '../../shared/domain/price-plan-catalogue.js';
import { parseOrThrow } from '../../shared/validation.js';
import { AUTHORIZER_FOLDER, FLEET_HEALTH_JOB, OPERATOR_MFA_GATE_FOLDER, ROUTES, SEED_TABLES_JOB } from '../../functions/routes.js';
import { folderOf } from '../../shared/http/route-entry.js';

describe('the routes', () => {
  it('are one folder each under functions/, named after the route, holding its entry, handler and docs', async () => {
    const folders = readdirSync('functions', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    expect(folders.sort()).toEqual([...ROUTES.map((r) => r.folder), AUTHORIZER_FOLDER, OPERATOR_MFA_GATE_FOLDER, FLEET_HEALTH_JOB.name, SEED_TABLES_JOB.name].sort());
    for (const route of ROUTES) {
      expect(route.folder).toBe(folderOf(route.operationId));
      for (const file of ['route.ts', 'handler.ts', 'docs.ts']) expect(existsSync(`functions/${route.folder}/${file}`), `${route.folder}/${file}`).toBe(true);
    }
    const loaded = await loadRoutes();
    expect(loaded.map((r) => r.route).sort((a, b) => a.operationId.localeCompare(b.operationId))).toEqual([...ROUTES].sort((a, b) => a.operationId.localeCompare(b.operationId)));
    for (const { handler } of loaded) expect(typeof handler).toBe('function');
  });

  it('gives every route a unique name and a unique method + path', () => {
    expect(new Set(ROUTES.map((r) => r.operationId)).size).toBe(ROUTES.length);
    expect(new Set(ROUTES.map((r) => `${r.method} ${r.path}`)).size).toBe(ROUTES.length);
  });

  it('records every state-changing route in the audit trail (#39): all but GET and the public route that stores nothing', () => {
    const changing = ROUTES.filter((r) => r.method !== 'GET' && !r.access.public).map((r) => r.operationId).sort();
    expect(ROUTES.filter((r) => r.audit).map((r) => r.operationId).sort()).toEqual(changing);
    expect(ROUTES.filter((r) => r.stores.audit === 'append').map((r) => r.operationId).sort()).toEqual(changing);
  });

  it('names the meter where its access rule says: a {smartMeterId} path parameter, or a body field', () => {
    for (const route of ROUTES) {
      if (route.access.meterFrom === 'path') expect(route.path, route.operationId).toContain('{smartMeterId}');
      if (route.access.meterFrom !== undefined) expect(route.stores.accounts, route.operationId).toBeDefined();
    }
  });

  it('wires the late-write protocol: whatever writes or deletes readings marks days; whatever trusts summaries reads readings', () => {
    for (const route of ROUTES) {
      if (route.stores.readings === 'write' || route.stores.readings === 'delete') expect(route.stores.summaries, route.operationId).toBe('mark');
      if (route.stores.summaries === 'use') expect(route.stores.readings, route.operationId).toBe('read');
      if (route.stores.summaries === 'mark') expect(['write', 'delete'], route.operationId).toContain(route.stores.readings);
    }
    // Every table that receives readings has a writer that marks days: no path writes readings unmarked.
    expect(ROUTES.filter((r) => r.stores.readings === 'write').map((r) => r.operationId)).toEqual(['storeReadings']);
  });

  it('never lets a plan id be a word of a route under /price-plans/ (no request is ambiguous), and tries literals first', async () => {
    const words = new Set(ROUTES.map((r) => r.path.split('/')).filter((s) => s[1] === 'price-plans' && s[2] && !s[2].startsWith('{')).map((s) => s[2]!));
    expect([...words].sort()).toEqual([...RESERVED_PLAN_IDS].sort());
    for (const id of RESERVED_PLAN_IDS) expect(() => parseOrThrow(PlanIdSchema, id)).toThrow("cannot be ., .. or a route's own word");
    const loaded = await loadRoutes();
    const first = (method: string, path: string) => loaded.find((r) => r.route.method === method && r.pattern.test(path))?.route.operationId;
    expect(first('GET', '/price-plans/compare-all/prices')).toBe('compareAll');
    expect(first('GET', '/price-plans/agile/prices')).toBe('readPrices');
    expect(byPrecedence({ path: '/a/{x}/b' }, { path: '/a/c/{y}' })).toBe(1);
  });

  it('matches API Gateway path parameters the way the local server routes them', () => {
    const { pattern, parameterNames } = compilePath('/readings/read/{smartMeterId}');
    expect(parameterNames).toEqual(['smartMeterId']);
    expect(pattern.exec('/readings/read/smart-meter-0')?.[1]).toBe('smart-meter-0');
    expect(pattern.test('/readings/read/a/b')).toBe(false);
  });
});
