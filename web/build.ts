import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = dirname(fileURLToPath(import.meta.url));
/** Where `cdk synth` writes the built app for BucketDeployment (git-ignored: built assets are never committed). */
export const WEB_DIST_DIR = join(WEB_DIR, 'dist');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};
export const contentTypeOf = (path: string) => CONTENT_TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';

/**
 * The web app, built from web/src by esbuild: `index.html` plus content-hashed `assets/app-*.js` and `.css`, by path.
 * Synchronous so the CDK stack can build it while it is being constructed; the local server builds it once, lazily.
 */
export function buildWebApp(): Map<string, Uint8Array> {
  const result = buildSync({
    entryPoints: { app: join(WEB_DIR, 'src/main.ts') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome110', 'firefox110', 'safari16'],
    outdir: join(WEB_DIR, 'dist'),
    entryNames: 'assets/[name]-[hash]',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const files = new Map<string, Uint8Array>();
  for (const output of result.outputFiles) files.set(output.path.slice(join(WEB_DIR, 'dist').length + 1), output.contents);
  const script = [...files.keys()].find((p) => p.endsWith('.js'))!;
  const style = [...files.keys()].find((p) => p.endsWith('.css'))!;
  const page = readFileSync(join(WEB_DIR, 'index.html'), 'utf8').replace('%JS%', script).replace('%CSS%', style);
  files.set('index.html', new TextEncoder().encode(page));
  return files;
}

let built: { files: Map<string, Uint8Array>; hash: string } | undefined;

/**
 * Builds the app once per process and writes it to web/dist/<content hash>/ (unless a process wrote that build there
 * already), returning the folder: every synth in a process shares one build, and processes that synthesize at the
 * same time (the test files) never write over each other's folder.
 */
export function writeWebApp(): string {
  if (!built) {
    const files = buildWebApp();
    const hash = createHash('sha256');
    for (const [path, contents] of [...files].sort(([a], [b]) => a.localeCompare(b))) hash.update(path).update(contents);
    built = { files, hash: hash.digest('hex').slice(0, 16) };
  }
  const outdir = join(WEB_DIST_DIR, built.hash);
  if (existsSync(outdir)) return outdir;
  const staging = `${outdir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  for (const [path, contents] of built.files) {
    mkdirSync(dirname(join(staging, path)), { recursive: true });
    writeFileSync(join(staging, path), contents);
  }
  try {
    renameSync(staging, outdir); // whole, or not at all
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(outdir)) throw error; // another process renamed the same build first: that one is used
  }
  return outdir;
}
