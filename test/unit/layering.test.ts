import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every TypeScript file under a folder, as a path relative to the project. */
function sources(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const resolveFrom = (file: string, specifier: string) => (specifier.startsWith('.') ? relative('.', normalize(join(dirname(file), specifier))) : specifier);

/** What a file imports: project files as project-relative paths, packages by name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const patterns = [/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\(\s*[`'"]([^`'"$]+)/g];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => resolveFrom(file, m[1]!)));
}

/** What a file imports for types only (erased from every bundle). */
function typeImportsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s+type\b[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => resolveFrom(file, m[1]!));
}

const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);
/** The route folder a path is in (functions/<folder>/…), if any. */
const routeFolderOf = (path: string) => /^functions\/([^/]+)\//.exec(path)?.[1];

/**
 * The layering rule (README, "Layout"): functions/<route>/ holds one route (entry, handler, use case, docs) and
 * imports only itself and shared/; shared/ is what routes share: domain ← ports ← services ← http; the storage
 * adapters implement the ports and only shared/runtime.ts (the composition root) names them; functions/routes.ts
 * assembles the routes for the stack, the local server, OpenAPI and the bench, and no deployed code imports it.
 */
/**
 * The import graph of everything that deploys, declared: for each room (a folder, or a file of its own), the rooms
 * it may import from, the rooms it may import types from only, and the packages it may use. A file is in the most
 * specific room that names it. README "Layout" states the same graph.
 */
const GRAPH: Record<string, { may: string[]; typesFrom?: string[]; packages?: string[] }> = {
  'shared/domain': { may: ['shared/domain', 'shared/errors.ts', 'shared/validation.ts'], packages: ['valibot', 'date-fns', '@date-fns/tz', 'big.js'] },
  'shared/ports': { may: ['shared/ports'], typesFrom: ['shared/domain'] },
  'shared/services': {
    may: ['shared/services', 'shared/domain', 'shared/ports', 'shared/errors.ts', 'shared/concurrency.ts'],
    typesFrom: ['shared/http/response-schemas.ts'], // an answer's type comes from its one schema
    packages: ['node:crypto'],
  },
  'shared/http': {
    may: ['shared/http', 'shared/domain', 'shared/errors.ts', 'shared/validation.ts', 'shared/config.ts', 'shared/observability'],
    typesFrom: ['shared/ports'],
    packages: ['valibot', '@valibot/to-json-schema', 'aws-lambda', 'node:crypto'], // node:crypto: signed page cursors
  },
  'shared/auth': { may: ['shared/auth', 'shared/services/meter-keys.ts', 'shared/http/caller.ts'], typesFrom: ['shared/ports'], packages: ['jose', '@aws-sdk/client-cognito-identity-provider'] },
  'shared/observability': { may: ['shared/observability', 'shared/config.ts'], packages: ['@aws-lambda-powertools/metrics'] },
  'shared/storage': {
    may: ['shared/storage', 'shared/domain', 'shared/ports', 'shared/errors.ts', 'shared/concurrency.ts', 'shared/config.ts'],
    packages: ['@aws-sdk/lib-dynamodb', '@aws-sdk/client-dynamodb', '@smithy/types'],
  },
  'shared/catalogue': { may: ['shared/catalogue', 'shared/domain'] },
  'shared/config.ts': { may: ['shared/domain'] },
  'shared/errors.ts': { may: [] },
  'shared/validation.ts': { may: ['shared/errors.ts'], packages: ['valibot'] },
  'shared/concurrency.ts': { may: [] },
  'shared/runtime.ts': { may: ['shared'], packages: ['@aws-sdk/lib-dynamodb'] }, // the composition root
  functions: { may: ['shared'], packages: ['valibot', 'aws-lambda'] }, // and its own route's folder
  'functions/routes.ts': { may: ['functions', 'shared/http'] },
};

const roomOf = (file: string) =>
  Object.keys(GRAPH)
    .filter((room) => under(file, room))
    .sort((a, b) => b.length - a.length)[0];

describe('layering', () => {
  const deployed = [...sources('shared'), ...sources('functions')];

  it('follows the declared import graph, file by file', () => {
    for (const file of deployed) {
      const room = roomOf(file);
      expect(room, `${file} is in no room of the graph`).toBeDefined();
      const { may, typesFrom = [], packages = [] } = GRAPH[room!]!;
      const types = typeImportsOf(file);
      for (const target of importsOf(file)) {
        const local = target.startsWith('shared') || target.startsWith('functions') || target.startsWith('.');
        if (!local) {
          expect(packages.includes(target) || (types.includes(target) && target.startsWith('@types')), `${file} uses package ${target}`).toBe(true);
          continue;
        }
        const path = target.replace(/\.js$/, '.ts');
        const ownRoute = routeFolderOf(file) !== undefined && routeFolderOf(path) === routeFolderOf(file);
        const allowed = ownRoute || may.some((r) => under(path, r)) || (types.includes(target) && typesFrom.some((r) => under(path, r)));
        expect(allowed, `${file} (${room}) imports ${target}`).toBe(true);
      }
    }
  });

  it('has no import cycle in shared/ (types included): each module builds on the ones below it', () => {
    const files = deployed.filter((f) => f.startsWith('shared/'));
    const edges = new Map(files.map((f) => [f, importsOf(f).map((t) => t.replace(/\.js$/, '.ts')).filter((t) => files.includes(t))]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') return void cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
      state.set(file, 'open');
      for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('loads nothing it cannot see: no dynamic import() in deployed code', () => {
    for (const file of deployed) expect(readFileSync(file, 'utf8'), file).not.toMatch(/\bimport\(/);
  });

  it('keeps everything that deploys free of local/, demo/, cli/, tools/, bench/, test/, infra/ and web/', () => {
    for (const file of deployed) {
      for (const target of importsOf(file)) {
        for (const folder of ['local', 'demo', 'cli', 'tools', 'bench', 'test', 'infra', 'web']) expect(under(target, folder), `${file} imports ${target}`).toBe(false);
      }
    }
  });

  it('keeps each route in its folder: it imports only itself and shared/, never another route nor the assembled table', () => {
    for (const file of sources('functions').filter((f) => f !== 'functions/routes.ts')) {
      const own = routeFolderOf(file);
      for (const target of importsOf(file).filter((t) => t.startsWith('functions') || t.startsWith('shared') || t.startsWith('.'))) {
        const allowed = under(target, 'shared') || routeFolderOf(target) === own;
        expect(allowed, `${file} imports ${target}`).toBe(true);
      }
    }
    for (const file of sources('shared')) {
      for (const target of importsOf(file)) expect(under(target, 'functions'), `${file} imports ${target}`).toBe(false);
    }
  });

  it("lets a route's code use its docs (the response schema) for types only, so no handler bundles them", () => {
    for (const file of sources('functions').filter((f) => routeFolderOf(f) && !f.endsWith('/docs.ts'))) {
      const types = typeImportsOf(file);
      for (const target of importsOf(file).filter((t) => t.endsWith('/docs.js'))) expect(types, `${file} imports ${target}`).toContain(target);
      for (const target of importsOf(file).filter((t) => t === 'shared/http/response-schemas.js' || t === 'shared/http/openapi.js')) {
        expect(types, `${file} imports ${target}`).toContain(target);
      }
    }
  });

  it('lets only the composition root and the adapters themselves import shared/storage', () => {
    for (const file of deployed) {
      if (file === 'shared/runtime.ts' || under(file, 'shared/storage')) continue;
      for (const target of importsOf(file)) expect(under(target, 'shared/storage'), `${file} imports ${target}`).toBe(false);
    }
  });

  it('keeps use cases and shared services off the runtime: they work on ports, given to them by the handler', () => {
    const pure = [...sources('functions').filter((f) => f.endsWith('/use-case.ts')), ...sources('shared/services'), ...sources('shared/http')];
    for (const file of pure) for (const target of importsOf(file)) expect(target, `${file} imports ${target}`).not.toBe('shared/runtime.js');
  });

  it('keeps the domain pure: no AWS, no Node I/O, nothing above it', () => {
    for (const file of sources('shared/domain')) {
      for (const target of importsOf(file)) {
        const allowed =
          under(target, 'shared/domain') || target === 'shared/errors.js' || target === 'shared/validation.js' ||
          ['valibot', 'date-fns', '@date-fns/tz', 'big.js'].includes(target);
        expect(allowed, `${file} imports ${target}`).toBe(true);
      }
    }
  });

  it('reads the environment in one place only: shared/config.ts', () => {
    for (const file of deployed.filter((f) => f !== 'shared/config.ts')) expect(readFileSync(file, 'utf8'), file).not.toMatch(/process\.env/);
  });

  it("keeps the web app a client of the API: itself, uPlot and its styles, the types of the API's answers, and the supplier-file parsers (pure code)", () => {
    const files = sources('web/src');
    expect(files.length).toBeGreaterThan(3);
    // The parsers the import tool uses, and what they import: no Node API, no AWS, no storage.
    const sharedCode = ['shared/domain/interval-files.js'];
    for (const parser of sharedCode) {
      for (const target of importsOf(parser.replace(/\.js$/, '.ts'))) expect(['shared/errors.js', 'shared/domain/energy-source.js', 'shared/domain/time.js'], `${parser} imports ${target}`).toContain(target);
    }
    for (const file of files) {
      const typeOnly = typeImportsOf(file);
      for (const target of importsOf(file)) {
        const answerTypes = under(target, 'shared') || (under(target, 'functions') && target.endsWith('/docs.js'));
        const parsers = sharedCode.includes(target);
        const allowed = under(target, 'web/src') || target === 'uplot' || target === 'uplot/dist/uPlot.min.css' || (answerTypes && typeOnly.includes(target)) || parsers;
        expect(allowed, `${file} imports ${target}`).toBe(true);
      }
    }
  });
});
