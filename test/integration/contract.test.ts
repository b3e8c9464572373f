import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { SEED_READINGS } from '../support/events.js';
import { startLocalServer, type RunningServer } from '../support/local-server.js';
import { freshTables } from '../support/tables.js';

/** The seed document's examples, over HTTP, against the local server running the real handlers. */
describe('seed contract over HTTP', () => {
  let server: RunningServer;
  let base: string;
  let lines: string[];

  beforeAll(async () => {
    await freshTables();
    server = await startLocalServer();
    ({ base, lines } = server);
  });
  afterAll(() => server.close());

  const seedPost = () =>
    fetch(`${base}/readings/store`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ smartMeterId: 'smart-meter-0', electricityReadings: SEED_READINGS }),
    });

  it("POST /readings/store echoes the seed's batch", async () => {
    const response = await seedPost();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({ smartMeterId: 'smart-meter-0', electricityReadings: SEED_READINGS });
    expect(lines.some((line) => /^POST \/readings\/store 200 [\d.]+ms$/.test(line))).toBe(true);
  });

  it('GET /readings/read holds the five readings exactly once after a repeated POST', async () => {
    await seedPost();
    const readings = (await (await fetch(`${base}/readings/read/smart-meter-0`)).json()) as { time: number }[];
    expect(readings).toEqual(SEED_READINGS);
  });

  it('GET /price-plans/compare-all answers the documented shape', async () => {
    const body = (await (await fetch(`${base}/price-plans/compare-all/smart-meter-0`)).json()) as {
      pricePlanId: string;
      pricePlanComparisons: Record<string, number>[];
    };
    expect(body.pricePlanId).toBe('price-plan-0');
    expect(body.pricePlanComparisons.map((e) => Object.keys(e))).toEqual([['price-plan-2'], ['price-plan-1'], ['price-plan-0']]);
    expect(body.pricePlanComparisons[0]!['price-plan-2']).toBe(0.002688); // 0.1613 kWh / 60 at 1p, to 6 decimals of the penny
  });

  it('GET /price-plans/recommend?limit=2 answers the two cheapest plans', async () => {
    const body = (await (await fetch(`${base}/price-plans/recommend/smart-meter-0?limit=2`)).json()) as object[];
    expect(body.map((e) => Object.keys(e)[0])).toEqual(['price-plan-2', 'price-plan-1']);
  });

  it('answers an unknown route with a 404 JSON message', async () => {
    const response = await fetch(`${base}/nowhere`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: expect.any(String) });
  });

  it('answers a body over 6 MB with 413 JSON before any handler runs', async () => {
    const response = await fetch(`${base}/readings/store`, { method: 'POST', body: 'x'.repeat(6 * 1024 * 1024 + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: expect.stringContaining('larger than') });
  });

  it('serves the OpenAPI document with every route of the route table, and Swagger UI', async () => {
    const document = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui-bundle.js');
    expect((await fetch(`${base}/docs/swagger-ui-bundle.js`)).status).toBe(200);
  });

  it('serves a document Redocly lints with no error or warning, in open mode and with AUTH=on, naming its own URL', async () => {
    const secured = await startLocalServer({ auth: true });
    try {
      const folder = mkdtempSync(join(tmpdir(), 'joi-openapi-'));
      const files: string[] = [];
      for (const [name, server] of [['open', base], ['auth-on', secured.base]] as const) {
        // A Host header names nobody's server: the document keeps the one configuration gave.
        const document = (await (await fetch(`${server}/openapi.json`, { headers: { host: 'evil.example' } })).json()) as { servers: { url: string }[] };
        expect(document.servers.map((s) => s.url)).toEqual([server]);
        files.push(join(folder, `${name}.json`));
        writeFileSync(files.at(-1)!, JSON.stringify(document));
      }
      // Redocly's own command, not through npx (a second of npm's start-up).
      const lint = await promisify(execFile)('node_modules/.bin/redocly', ['lint', ...files, '--config', 'redocly.yaml', '--format', 'summary'], {
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      });
      expect(lint.stdout + lint.stderr).not.toMatch(/\d+ (errors?|warnings?)\b/); // execFile rejects on a non-zero exit
    } finally {
      await secured.close();
    }
  });
});
