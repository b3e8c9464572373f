/**
 * `npm run lint:template`: cfn-lint, every rule on, on the template `cdk synth` wrote to cdk.out and on every other
 * committed stage synthesized here for a concrete account and region (as `cdk deploy` with credentials does), so the
 * production template is linted too. When cfn-lint is not installed (`pip install cfn-lint`) it says so and passes:
 * the rest of `npm test` still runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stageApp } from '../infra/stage-app.js';
import { committedStages, stackIdOf } from '../infra/stage-config.js';

const templates = readdirSync('cdk.out').filter((f) => f.endsWith('.template.json')).map((f) => `cdk.out/${f}`);
if (templates.length === 0) {
  console.error('no template in cdk.out: run `npm run synth` first');
  process.exit(1);
}
if ((spawnSync('cfn-lint', ['--version']).error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
  console.log(`cfn-lint is not installed: ${templates.join(', ')} not linted (pip install cfn-lint to lint it as production would)`);
  process.exit(0);
}
for (const stage of committedStages().filter((s) => !templates.some((t) => t.endsWith(`${stackIdOf(s)}.template.json`)))) {
  const outdir = mkdtempSync(join(tmpdir(), `joi-lint-${stage}-`));
  // No bundling: cfn-lint reads the template, not the functions' code.
  const { app, stack } = stageApp({ stage, env: { account: '111122223333', region: 'eu-west-2' }, appProps: { outdir, context: { 'aws:cdk:bundling-stacks': [] } } });
  app.synth();
  templates.push(join(outdir, stack.templateFile));
}
const result = spawnSync('cfn-lint', templates, { stdio: 'inherit' });
if (result.status === 0) console.log(`cfn-lint: ${templates.join(', ')}: no errors or warnings`);
process.exit(result.status ?? 1);
