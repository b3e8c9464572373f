import { Annotations } from 'aws-cdk-lib';
import { stageApp } from './stage-app.js';

/**
 * `cdk synth` / `cdk deploy [-c stage=<name>]` (default dev): one stack per stage, configured by the committed
 * `infra/stages/<stage>.json`, checked by cdk-nag (any unacknowledged finding fails synth). With credentials the CLI
 * sets CDK_DEFAULT_ACCOUNT/REGION and the stack is synthesized for that account and region; without, it is
 * environment-agnostic. `npm test` synthesizes every committed stage both ways (test/infra/deploy-stages.test.ts).
 */
// SYNTH_WITHOUT_BUNDLING=1 (npm test's check of the template: test/infra/bundles.test.ts builds every function) skips
// esbuild; such a template names no code and says so in a warning: never deploy it.
const withoutBundling = process.env.SYNTH_WITHOUT_BUNDLING === '1';
const { app, stack } = stageApp({
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  ...(withoutBundling && { bundling: false as const }),
});
if (withoutBundling) Annotations.of(stack).addWarningV2('joi:not-bundled', 'SYNTH_WITHOUT_BUNDLING=1: the functions were not built; this template is for checks only, never deploy it');
app.synth();
