import { Validations } from 'aws-cdk-lib';
import type { IAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { LambdaApplication, LambdaDeploymentConfig, LambdaDeploymentGroup, type ILambdaDeploymentConfig } from 'aws-cdk-lib/aws-codedeploy';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Alias } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import type { TRAFFIC_SHIFTS } from './stage-config.js';

const CONFIGS: Record<(typeof TRAFFIC_SHIFTS)[number], ILambdaDeploymentConfig> = {
  AllAtOnce: LambdaDeploymentConfig.ALL_AT_ONCE,
  Canary10Percent5Minutes: LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES,
  Canary10Percent10Minutes: LambdaDeploymentConfig.CANARY_10PERCENT_10MINUTES,
  Canary10Percent30Minutes: LambdaDeploymentConfig.CANARY_10PERCENT_30MINUTES,
  Linear10PercentEvery1Minute: LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE,
  Linear10PercentEvery3Minutes: LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_3MINUTES,
};

/** A route's `live` alias (what API Gateway calls) and the alarms that stop a deploy of it. */
export interface GradualRoute {
  name: string;
  live: Alias;
  alarms: IAlarm[];
}

/**
 * Every route's function moves to a new version gradually: CodeDeploy shifts its `live` alias by the stage's traffic
 * shift, and rolls back on its own when the route's error or latency alarm fires meanwhile, or when the deploy fails
 * or is stopped. One application and one service role serve every route's deployment group.
 */
export class GradualDeploys extends Construct {
  constructor(scope: Construct, id: string, props: { stage: string; trafficShift: (typeof TRAFFIC_SHIFTS)[number]; routes: GradualRoute[] }) {
    super(scope, id);
    const application = new LambdaApplication(this, 'Application', { applicationName: `joi-energy-${props.stage}` });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('codedeploy.amazonaws.com'),
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSCodeDeployRoleForLambdaLimited')],
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
      reason: "AWS's own least-privilege policy for CodeDeploy on Lambda: it moves aliases, reads the alarms and invokes hooks named CodeDeployHook_*.",
    });
    for (const route of props.routes) {
      new LambdaDeploymentGroup(this, route.name, {
        application,
        alias: route.live,
        deploymentConfig: CONFIGS[props.trafficShift],
        alarms: route.alarms,
        role,
        autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
      });
    }
  }
}
