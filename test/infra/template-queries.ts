import type { Template } from 'aws-cdk-lib/assertions';

/** Questions asked of a synthesized template by the stack and the stage tests. */

export type Resource = { Type: string; Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

export const logicalIdOf = (value: unknown): string => {
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };
  // `${table.tableArn}/index/name`: the table's id plus the suffix, so an index grant is told apart from the table's.
  if (v['Fn::Join']) return v['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : logicalIdOf(part))).join('');
  return v.Ref ?? v['Fn::GetAtt']![0];
};

export type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
/** Every statement a role is granted: in its own inline policies (the functions' roles) and in policy resources. */
export function statementsOfRole(template: Template, role: string): Statement[] {
  const roleResource = (template.findResources('AWS::IAM::Role') as Record<string, Resource>)[role]!;
  const inline = ((roleResource.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((p) => p.PolicyDocument.Statement);
  const attached = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => logicalIdOf(r) === role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
  return [...inline, ...attached];
}

/** Route key → the logical id of what its integration calls (every route: its function's `live` alias). */
export function targetsByRouteKey(template: Template): Map<string, string> {
  const integrations = template.findResources('AWS::ApiGatewayV2::Integration') as Record<string, Resource>;
  const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route') as Record<string, Resource>);
  return new Map(
    routes.map((route) => {
      const target = route.Properties.Target['Fn::Join'][1] as unknown[];
      const integration = integrations[logicalIdOf(target[1])]!;
      return [route.Properties.RouteKey as string, logicalIdOf(integration.Properties.IntegrationUri)];
    }),
  );
}

/** Route key → the logical id of the function it reaches, through its alias, read off the template. */
export function functionsByRouteKey(template: Template): Map<string, string> {
  const aliases = template.findResources('AWS::Lambda::Alias') as Record<string, Resource>;
  return new Map([...targetsByRouteKey(template)].map(([key, target]) => [key, aliases[target] ? logicalIdOf(aliases[target].Properties.FunctionName) : target]));
}
