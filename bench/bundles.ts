import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { AUTHORIZER_FOLDER, OPERATOR_MFA_GATE_FOLDER, ROUTES } from '../functions/routes.js';
import { buildFunction, type FunctionBundle } from '../infra/bundling.js';
import { median } from './stats.js';

export interface BundleFigure {
  name: string;
  sizeKb: number;
  initMs: number;
  /** The largest inputs beyond the floor's (the SDK client and a Query), by the bytes they add to the bundle. */
  largest: { input: string; kb: number }[];
}

const OUT = 'bench/.build';

/** Groups a bundle's inputs by package (node_modules) or by project file. */
function byPackage(bundle: FunctionBundle): Map<string, number> {
  const groups = new Map<string, number>();
  for (const [file, bytes] of Object.entries(bundle.inputs)) {
    const parts = file.split('/');
    const key = parts[0] === 'node_modules' ? parts.slice(0, parts[1]!.startsWith('@') ? 3 : 2).join('/') : file;
    groups.set(key, (groups.get(key) ?? 0) + bytes);
  }
  return groups;
}

/** Every function bundle, built exactly as the stack builds them, plus the two baselines. */
export async function buildBundles(): Promise<{ name: string; file: string; bundle: FunctionBundle }[]> {
  const entries = [
    { name: 'empty handler (a)', entry: 'bench/fixtures/empty-handler.ts' },
    { name: 'floor: client + Query (b)', entry: 'bench/fixtures/floor-handler.ts' },
    ...ROUTES.map((route) => ({ name: route.folder, entry: `functions/${route.folder}/handler.ts` })),
    { name: AUTHORIZER_FOLDER, entry: `functions/${AUTHORIZER_FOLDER}/handler.ts` },
    { name: OPERATOR_MFA_GATE_FOLDER, entry: `functions/${OPERATOR_MFA_GATE_FOLDER}/handler.ts` },
  ];
  return Promise.all(
    entries.map(async ({ name, entry }, i) => {
      const file = join(OUT, String(i), 'index.mjs');
      return { name, file, bundle: await buildFunction(entry, file) };
    }),
  );
}

/**
 * Size, module init time in a fresh node process (median of `runs`), and the largest inputs above the floor, for each
 * bundle. Runs are interleaved across bundles so that drift on a shared machine hits them all alike. Source maps are
 * enabled as in the stack.
 */
export function measureBundles(bundles: { name: string; file: string; bundle: FunctionBundle }[], runs: number): BundleFigure[] {
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
  const floor = byPackage(bundles[1]!.bundle);
  return bundles.map(({ name, bundle }, i) => ({
    name,
    sizeKb: bundle.bytes / 1024,
    initMs: median(samples[i]!),
    largest: [...byPackage(bundle)]
      .map(([input, bytes]) => ({ input, kb: (bytes - (floor.get(input) ?? 0)) / 1024 }))
      .filter((x) => x.kb >= 0.05)
      .sort((a, b) => b.kb - a.kb)
      .slice(0, 5),
  }));
}
