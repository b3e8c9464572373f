import { beforeAll, describe, expect, it } from 'vitest';
import { AUTHORIZER_FOLDER, FLEET_HEALTH_JOB, OPERATOR_MFA_GATE_FOLDER, ROUTES, SEED_TABLES_JOB } from '../../functions/routes.js';
import { buildFunctions } from '../../infra/bundling.js';
import type { StoreGrants } from '../../shared/http/route-entry.js';

/** The adapter files of each store: a bundle holds one only when its route is granted that table. */
const ADAPTERS: Record<Exclude<keyof StoreGrants, 'meterKeys'>, string[]> = {
  // Power meters' hour items and interval meters' day items share the readings table.
  readings: ['shared/storage/dynamodb/dynamodb-readings-store.ts', 'shared/storage/dynamodb/dynamodb-intervals-store.ts'],
  summaries: ['shared/storage/dynamodb/dynamodb-summaries-store.ts'],
  accounts: ['shared/storage/dynamodb/dynamodb-accounts-store.ts'],
  pricePlans: ['shared/storage/dynamodb/dynamodb-price-plans-store.ts'],
  audit: ['shared/storage/dynamodb/dynamodb-audit-log.ts'],
};
const holdsAny = (files: readonly string[], adapters: readonly string[]) => adapters.some((adapter) => files.includes(adapter));
/** Fewer bytes than any function or class of ours: what tree shaking leaves of a module it removed. */
const CODE_BYTES = 64;
/** What only documents the API: no function needs it at run time. */
const DOCUMENTATION = [/^functions\/routes\.ts$/, /\/docs\.ts$/, /^shared\/http\/openapi\.ts$/, /^shared\/http\/response-schemas\.ts$/];

/**
 * Each function is built exactly as the stack builds it (esbuild, the stack's options but source maps, which hold no
 * code) and its metafile read: a Lambda bundles its own route and nothing else, so a new route costs no other
 * function's cold start.
 */
describe('function bundles (esbuild metafile)', () => {
  const inputs = new Map<string, string[]>();
  beforeAll(async () => {
    const folders = [...ROUTES.map((r) => r.folder), AUTHORIZER_FOLDER, OPERATOR_MFA_GATE_FOLDER, FLEET_HEALTH_JOB.name, SEED_TABLES_JOB.name];
    const bundles = await buildFunctions(folders.map((folder) => `functions/${folder}/handler.ts`));
    // A file counts when its code is there: a module-level constant of a few bytes may outlive tree shaking.
    for (const folder of folders) inputs.set(folder, Object.entries(bundles.get(`functions/${folder}/handler.ts`)!.inputs).filter(([, bytes]) => bytes > CODE_BYTES).map(([file]) => file));
  });

  it.each(ROUTES.map((route) => [route.folder, route] as const))('%s holds its own route only, and only the stores it is granted', (folder, route) => {
    const files = inputs.get(folder)!;
    expect(files).toContain(`functions/${folder}/handler.ts`);
    const otherRoutes = files.filter((f) => f.startsWith('functions/') && !f.startsWith(`functions/${folder}/`));
    expect(otherRoutes, 'code of other routes').toEqual([]);
    expect(files.filter((f) => DOCUMENTATION.some((pattern) => pattern.test(f))), 'documentation').toEqual([]);
    for (const [store, adapters] of Object.entries(ADAPTERS) as [keyof typeof ADAPTERS, string[]][]) {
      expect(holdsAny(files, adapters), `${adapters.join(' or ')} (${store}: ${route.stores[store] ?? 'not granted'})`).toBe(route.stores[store] !== undefined);
    }
    // Energy figures come from the energy view: only the routes that read and make summaries need it.
    expect(files.includes('shared/services/energy-view.ts'), 'the energy view').toBe(route.stores.summaries === 'use');
  });

  it('keeps the authorizer to identifying the caller: no request validation (valibot), no route pipeline, no readings', () => {
    const files = inputs.get(AUTHORIZER_FOLDER)!;
    expect(files.filter((f) => f.includes('node_modules/valibot/')), 'valibot').toEqual([]);
    expect(files.filter((f) => f.startsWith('functions/') && !f.startsWith(`functions/${AUTHORIZER_FOLDER}/`))).toEqual([]);
    for (const file of ['shared/http/pipeline.ts', ...ADAPTERS.readings, ...ADAPTERS.summaries, 'shared/services/energy-view.ts']) expect(files).not.toContain(file);
  });

  it('keeps the fleet-health job to the stores it is granted: no route pipeline, no summaries, no other function', () => {
    const files = inputs.get(FLEET_HEALTH_JOB.name)!;
    for (const [store, adapters] of Object.entries(ADAPTERS) as [keyof typeof ADAPTERS, string[]][]) {
      expect(holdsAny(files, adapters), adapters.join(' or ')).toBe(store in FLEET_HEALTH_JOB.stores);
    }
    expect(files.filter((f) => f.startsWith('functions/') && !f.startsWith(`functions/${FLEET_HEALTH_JOB.name}/`))).toEqual([]);
    for (const file of ['shared/http/pipeline.ts', 'shared/services/energy-view.ts']) expect(files).not.toContain(file);
  });

  it('keeps the seed to the stores it is granted (price plans, accounts): no route pipeline, no readings, no other function', () => {
    const files = inputs.get(SEED_TABLES_JOB.name)!;
    for (const [store, adapters] of Object.entries(ADAPTERS) as [keyof typeof ADAPTERS, string[]][]) {
      expect(holdsAny(files, adapters), adapters.join(' or ')).toBe(store in SEED_TABLES_JOB.stores);
    }
    expect(files.filter((f) => f.startsWith('functions/') && !f.startsWith(`functions/${SEED_TABLES_JOB.name}/`))).toEqual([]);
    expect(files).not.toContain('shared/http/pipeline.ts');
  });

  it('keeps the MFA gate to Cognito: no DynamoDB, no route pipeline', () => {
    const files = inputs.get(OPERATOR_MFA_GATE_FOLDER)!;
    expect(files.some((f) => f.includes('node_modules/@aws-sdk/client-cognito-identity-provider/'))).toBe(true);
    expect(files.filter((f) => f.includes('node_modules/@aws-sdk/client-dynamodb/') || f.includes('node_modules/valibot/'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('functions/') && !f.startsWith(`functions/${OPERATOR_MFA_GATE_FOLDER}/`))).toEqual([]);
    expect(files).not.toContain('shared/http/pipeline.ts');
  });
});
