import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { JoiEnergyStack } from './joi-energy-stack.js';

/** `cdk synth` / `cdk deploy`: one stack, checked by cdk-nag (any unacknowledged finding fails synth). */
const app = new App();
new JoiEnergyStack(app, 'JoiEnergyApi', {
  // `cdk deploy -c pricePlansFile=plans.json` (or PRICE_PLANS_FILE=plans.json) bundles another catalogue.
  pricePlansFile: (app.node.tryGetContext('pricePlansFile') as string | undefined) ?? process.env.PRICE_PLANS_FILE,
  // `cdk deploy -c callbackUrls=https://app.example.com/` (comma-separated): where sign-in may return to.
  alarmEmail: app.node.tryGetContext('alarmEmail') as string | undefined,
  callbackUrls: (app.node.tryGetContext('callbackUrls') as string | undefined)?.split(',').map((url) => url.trim()),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
