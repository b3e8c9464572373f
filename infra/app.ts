import { stageApp } from './stage-app.js';

/**
 * `cdk synth` / `cdk deploy [-c stage=<name>]` (default dev): one stack per stage, configured by the committed
 * `infra/stages/<stage>.json`, checked by cdk-nag (any unacknowledged finding fails synth). With credentials the CLI
 * sets CDK_DEFAULT_ACCOUNT/REGION and the stack is synthesized for that account and region; without, it is
 * environment-agnostic. `npm test` synthesizes every committed stage both ways (test/infra/deploy-stages.test.ts).
 */
stageApp({ env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION } }).app.synth();
