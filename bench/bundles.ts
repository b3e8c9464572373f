import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { LAMBDA_ESBUILD_OPTIONS } from '../infra/bundling.js';
import { ROUTES } from '../shared/http/routes.js';
import { median } from './stats.js';

export interface BundleFigure {
  name: string;
  sizeKb: number;
  initMs: number;
}

const OUT = 'bench/.build';

/** Every function bundle, built exactly as the stack builds them, plus the two baselines. */
export async function buildBundles(): Promise<{ name: string; file: string }[]> {
  const entries = [
    { name: 'empty handler (a)', entry: 'bench/fixtures/empty-handler.ts' },
    { name: 'floor: client + Query (b)', entry: 'bench/fixtures/floor-handler.ts' },
    ...ROUTES.map((route) => ({ name: route.handler, entry: `functions/${route.handler}.ts` })),
    { name: 'authorizer', entry: 'functions/authorizer.ts' },
  ];
  return Promise.all(
    entries.map(async ({ name, entry }, i) => {
      const file = join(OUT, String(i), 'index.mjs');
      await build({ ...LAMBDA_ESBUILD_OPTIONS, mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields], entryPoints: [entry], outfile: file, logLevel: 'silent' });
      return { name, file };
    }),
  );
}

/**
 * Size, and module init time in a fresh node process (median of `runs`), for each bundle. Runs are interleaved across
 * bundles so that drift on a shared machine hits them all alike. Source maps are enabled as in the stack.
 */
export function measureBundles(bundles: { name: string; file: string }[], runs: number): BundleFigure[] {
  const samples = bundles.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    bundles.forEach(({ file }, i) => {
      const out = execFileSync(process.execPath, ['--enable-source-maps', 'bench/measure-init.mjs', file], {
        env: { ...process.env, AWS_REGION: 'eu-west-2', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
        encoding: 'utf8',
      });
      samples[i]!.push(Number(out));
    });
  }
  return bundles.map(({ name, file }, i) => ({ name, sizeKb: statSync(file).size / 1024, initMs: median(samples[i]!) }));
}
