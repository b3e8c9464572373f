/**
 * `npm run lint:template`: cfn-lint, every rule on, on every committed stage's template, synthesized here for a
 * concrete account and region as `cdk deploy` with credentials does (the production template included). It needs no
 * earlier `cdk synth`, so `npm test` runs it beside the other checks. Each template is linted by its own cfn-lint,
 * side by side. When cfn-lint is not installed (`pip install cfn-lint`) it says so and passes: the rest of
 * `npm test` still runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stageApp } from '../infra/stage-app.js';
import { committedStages } from '../infra/stage-config.js';

if ((spawnSync('cfn-lint', ['--version']).error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
  console.log('cfn-lint is not installed: the templates were not linted (pip install cfn-lint to lint them as production would)');
  process.exit(0);
}

/** cfn-lint on one template, started at once: its exit code when it ends. */
const lint = (template: string) =>
  new Promise<number>((resolve) => spawn('cfn-lint', [template], { stdio: 'inherit' }).once('close', (code) => resolve(code ?? 1)));

const linted: Promise<number>[] = [];
const templates: string[] = [];
for (const stage of committedStages()) {
  const outdir = mkdtempSync(join(tmpdir(), `joi-lint-${stage}-`));
  // No bundling, no built-in validation: cfn-lint reads the template, and validates it better.
  const { app, stack } = stageApp({ stage, env: { account: '111122223333', region: 'eu-west-2' }, appProps: { outdir, context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false } });
  app.synth();
  templates.push(join(outdir, stack.templateFile));
  linted.push(lint(templates.at(-1)!)); // while the next stage synthesizes
}
const failed = (await Promise.all(linted)).some((code) => code !== 0);
if (!failed) console.log(`cfn-lint: ${templates.join(', ')}: no errors or warnings`);
process.exit(failed ? 1 : 0);
