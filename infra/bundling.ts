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
