import { CfnResource, Lazy, Stack, type IAspect } from 'aws-cdk-lib';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { IConstruct } from 'constructs';

/**
 * cfn-lint W3005, fixed rather than suppressed. aws-cdk-lib makes every function depend on its whole role construct:
 * the role itself (redundant: the function's `Role` is already a GetAtt of it) and the role's policy (needed: the
 * function must not run before it may call DynamoDB). This keeps every dependency but the redundant one. The list is
 * computed lazily, at synth, once CDK has turned construct dependencies into DependsOn.
 */
export class NoRedundantRoleDependency implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnFunction)) return;
    const stack = Stack.of(node);
    node.addOverride(
      'DependsOn',
      Lazy.list({
        produce: () => {
          const role = (stack.resolve(node.role) as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt']?.[0];
          const kept = node
            .obtainDependencies()
            .filter((dependency): dependency is CfnResource => CfnResource.isCfnResource(dependency))
            .map((dependency) => stack.resolve(stack.getLogicalId(dependency)) as string)
            .filter((logicalId) => logicalId !== role);
          return kept.length > 0 ? [...new Set(kept)].sort() : undefined;
        },
      }),
    );
  }
}
