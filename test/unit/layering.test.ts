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

/** What a file imports: project files as project-relative paths, packages by name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const patterns = [/^\s*(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\(\s*[`'"]([^`'"$]+)/g];
  const specifiers = patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]!));
  return specifiers.map((s) => (s.startsWith('.') ? relative('.', normalize(join(dirname(file), s))) : s));
}

const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/**
 * The layering rule (README, "Layout"): domain ← ports ← services ← http ← functions; storage adapters implement the
 * ports; shared/runtime.ts is the one composition root that names adapters. Nothing deployed imports the local
 * runtime, the benchmarks, the tests or the stack.
 */
describe('layering', () => {
  const deployed = [...sources('shared'), ...sources('functions')];

  it('keeps everything that deploys free of local/, bench/, test/, infra/ and web/', () => {
    for (const file of deployed) {
      for (const target of importsOf(file)) {
        for (const folder of ['local', 'bench', 'test', 'infra', 'web']) expect(under(target, folder), `${file} imports ${target}`).toBe(false);
      }
    }
  });

  it("keeps the web app a client of the API: itself, uPlot and its styles, and only the types of the API's answers", () => {
    const files = sources('web/src');
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const typeOnly = [...readFileSync(file, 'utf8').matchAll(/^\s*import\s+type\b[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => relative('.', normalize(join(dirname(file), m[1]!))));
      for (const target of importsOf(file)) {
        const allowed = under(target, 'web/src') || target === 'uplot' || target === 'uplot/dist/uPlot.min.css' || (under(target, 'shared/domain') && typeOnly.includes(target));
        expect(allowed, `${file} imports ${target}`).toBe(true);
      }
    }
  });

  it('lets only the composition root and the adapters themselves import shared/storage', () => {
    for (const file of deployed) {
      if (file === 'shared/runtime.ts' || under(file, 'shared/storage')) continue;
      for (const target of importsOf(file)) expect(under(target, 'shared/storage'), `${file} imports ${target}`).toBe(false);
    }
  });

  it('keeps the domain pure: no AWS, no Node I/O, nothing above it', () => {
    for (const file of sources('shared/domain')) {
      for (const target of importsOf(file)) {
        const allowed =
          under(target, 'shared/domain') || target === 'shared/errors.js' || target === 'shared/validation.js' ||
          ['zod/mini', 'date-fns', '@date-fns/tz'].includes(target);
        expect(allowed, `${file} imports ${target}`).toBe(true);
      }
    }
  });

  it('keeps handlers thin: a function module names no schema, store or adapter', () => {
    for (const file of sources('functions').filter((f) => f !== 'functions/authorizer.ts')) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/Schema\b/);
      for (const target of importsOf(file)) {
        const allowed = target === 'shared/http/route-handler.js' || under(target, 'shared/domain');
        expect(allowed, `${file} imports ${target}`).toBe(true);
      }
    }
  });
});
