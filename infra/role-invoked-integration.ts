import { HttpIntegrationType, HttpRouteIntegration, IntegrationCredentials, PayloadFormatVersion, type HttpRouteIntegrationBindOptions, type HttpRouteIntegrationConfig } from 'aws-cdk-lib/aws-apigatewayv2';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';

/**
 * A Lambda proxy integration (payload 2.0) that API Gateway invokes with one role of the API's, instead of a
 * resource-based permission on each function: the same access (that role may invoke exactly the routes' `live`
 * aliases), one IAM policy in place of a Lambda::Permission per route, so the stack stays inside CloudFormation's
 * 500 resources as routes are added.
 */
export class RoleInvokedLambdaIntegration extends HttpRouteIntegration {
  constructor(
    id: string,
    private readonly handler: IFunction,
    private readonly invoker: IRole,
  ) {
    super(id);
  }

  bind(_options: HttpRouteIntegrationBindOptions): HttpRouteIntegrationConfig {
    this.handler.grantInvoke(this.invoker);
    return {
      type: HttpIntegrationType.AWS_PROXY,
      uri: this.handler.functionArn,
      payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
      credentials: IntegrationCredentials.fromRole(this.invoker),
    };
  }
}
