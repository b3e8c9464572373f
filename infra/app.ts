import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { JoiEnergyStack } from './joi-energy-stack.js';
import { loadStage, stackIdOf } from './stage-config.js';

/**
 * `cdk synth` / `cdk deploy [-c stage=<name>]` (default dev): one stack per stage, configured by the committed
 * `infra/stages/<stage>.json`, checked by cdk-nag (any unacknowledged finding fails synth).
 */
const app = new App();
const stage = (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
new JoiEnergyStack(app, stackIdOf(stage), {
  stage,
  ...loadStage(stage),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
