/**
 * `npm run ops -- <command>`: operators' work from a terminal, against the deployed API or `AUTH=on npm start`.
 * `npm run ops -- --help` lists the commands (cli/ops.ts).
 */
import { runOps } from './ops.js';

process.exitCode = await runOps(process.argv.slice(2));
