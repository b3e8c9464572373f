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
// `-c pricePlansFile=plans.json` (or PRICE_PLANS_FILE) still picks the catalogue that seeds a new price plans table, over
// the stage file's; the stage file is where a setting persists.
const pricePlansFile = (app.node.tryGetContext('pricePlansFile') as string | undefined) ?? process.env.PRICE_PLANS_FILE;
new JoiEnergyStack(app, stackIdOf(stage), {
  stage,
  ...loadStage(stage),
  ...(pricePlansFile && { pricePlansFile }),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
