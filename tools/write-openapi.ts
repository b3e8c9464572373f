/**
 * `npm run lint:openapi`'s first step: writes the OpenAPI document exactly as the local server serves it (the same
 * routes, docs and server URL), for Redocly CLI to lint. Usage: tsx tools/write-openapi.ts <file>
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ROUTES } from '../functions/routes.js';
import { openApiDocument } from '../shared/http/openapi.js';

const file = process.argv[2] ?? 'dist/openapi.json';
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(openApiDocument(ROUTES, { serverUrl: 'http://localhost:5000' }), null, 2) + '\n');
console.log(`wrote ${file}`);
