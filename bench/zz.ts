import { buildFunction } from '../infra/bundling.js';
const b = await buildFunction(process.argv[2]!);
for (const [f, n] of Object.entries(b.inputs)) if (f.startsWith('shared') || f.startsWith('functions') || f.includes('zod/v4/mini/schemas')) console.log(n, f);
