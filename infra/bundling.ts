/**
 * How every Lambda bundle is built: the CDK stack passes these to NodejsFunction and the benchmarks to esbuild, so
 * what is measured is what is deployed.
 */
export const LAMBDA_NODE_TARGET = 'node24';

/** ESM bundles that include the AWS SDK need `require` for the SDK's CommonJS dependencies. */
export const ESM_REQUIRE_BANNER = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export const LAMBDA_ESBUILD_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: LAMBDA_NODE_TARGET,
  minify: true,
  treeShaking: true,
  sourcemap: true,
  sourcesContent: false,
  // Prefer ES modules so unused parts of the SDK are shaken out.
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  legalComments: 'none',
} as const;

/** What a function's bundle is made of: its size and, per input file, the bytes it contributes (esbuild's metafile). */
export interface FunctionBundle {
  bytes: number;
  inputs: Record<string, number>;
}

/**
 * Builds one function exactly as the stack does (same options), with esbuild's metafile: the bench measures the file it
 * writes, and the bundle test reads what went into it without writing anything.
 */
export async function buildFunction(entry: string, outfile?: string): Promise<FunctionBundle> {
  const { build } = await import('esbuild');
  const result = await build({
    ...LAMBDA_ESBUILD_OPTIONS,
    mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields],
    entryPoints: [entry],
    outfile: outfile ?? 'out/index.mjs',
    write: outfile !== undefined,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint !== undefined)!;
  return { bytes: output.bytes, inputs: Object.fromEntries(Object.entries(output.inputs).map(([file, { bytesInOutput }]) => [file, bytesInOutput])) };
}

/**
 * Builds many functions as the stack does, in one esbuild run (each entry its own bundle, no code shared between them;
 * the modules they have in common are parsed once): what the bundle test reads, keyed by entry. No source maps: they
 * hold no code, so the metafile is the same without them (compared: equal), and making 48 of them took a third to
 * half of the build's time.
 */
export async function buildFunctions(entries: readonly string[]): Promise<Map<string, FunctionBundle>> {
  const { build } = await import('esbuild');
  const result = await build({
    ...LAMBDA_ESBUILD_OPTIONS,
    mainFields: [...LAMBDA_ESBUILD_OPTIONS.mainFields],
    sourcemap: false,
    entryPoints: [...entries],
    outdir: 'out',
    outbase: '.',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const bundles = new Map<string, FunctionBundle>();
  for (const output of Object.values(result.metafile.outputs)) {
    if (output.entryPoint === undefined) continue;
    bundles.set(output.entryPoint, { bytes: output.bytes, inputs: Object.fromEntries(Object.entries(output.inputs).map(([file, { bytesInOutput }]) => [file, bytesInOutput])) });
  }
  return bundles;
}
