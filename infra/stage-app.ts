import { App, Validations, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { JoiEnergyStack } from './joi-energy-stack.js';
import { loadStage, stackIdOf } from './stage-config.js';

export interface StageAppOptions {
  /** The stage; by default `-c stage=<name>`, else dev. */
  stage?: string;
  /** The account and region `cdk` resolved (CDK_DEFAULT_ACCOUNT/REGION with credentials); none: environment-agnostic. */
  env?: Environment;
  /** App options (tests skip bundling). */
  appProps?: ConstructorParameters<typeof App>[0];
  /** false: build no function (`SYNTH_WITHOUT_BUNDLING=1`: npm test's template checks). */
  bundling?: false;
}

/**
 * One stage's app, exactly as `cdk synth`/`cdk deploy` builds it: the stage file loaded and checked (a production stage
 * lacking a setting stops here), the stack, and cdk-nag's AwsSolutions checks (an unacknowledged finding fails synth).
 */
export function stageApp({ stage, env, appProps, bundling }: StageAppOptions = {}): { app: App; stack: JoiEnergyStack } {
  const app = new App(appProps);
  const name = stage ?? (app.node.tryGetContext('stage') as string | undefined) ?? 'dev';
  // `-c pricePlansFile=plans.json` (or PRICE_PLANS_FILE) picks the catalogue that seeds a new price plans table, over
  // the stage file's, for one deploy; the stage file is where a setting persists.
  const pricePlansFile = (app.node.tryGetContext('pricePlansFile') as string | undefined) ?? process.env.PRICE_PLANS_FILE;
  const stack = new JoiEnergyStack(app, stackIdOf(name), { stage: name, ...loadStage(name), ...(pricePlansFile && { pricePlansFile }), env, ...(bundling === false && { bundling }) });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
