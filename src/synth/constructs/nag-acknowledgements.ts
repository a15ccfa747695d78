// Findings of cdk-nag's AwsSolutions pack that these constructs accept on purpose, acknowledged
// where they arise with the reason a security reviewer would ask for. Acknowledgements go through
// aws-cdk-lib's own Validations API, so the constructs need no cdk-nag at run time; a finding is
// matched by its exact id, so ids are written the way cdk-nag writes them.
import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Acknowledges one cdk-nag rule (or one finding of it) on a construct and its children. */
export function acknowledgeNagFinding(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id, reason });
}

/** The id of an AwsSolutions-IAM5 finding for a wildcard resource: `AwsSolutions-IAM5[Resource::<flattened>]`. */
export function wildcardResourceFinding(scope: IConstruct, resource: unknown): string {
  return `AwsSolutions-IAM5[Resource::${flattenReference(Stack.of(scope).resolve(resource))}]`;
}

/**
 * A resolved reference flattened the way cdk-nag names findings: Ref → `<Id>`, GetAtt →
 * `<Id.Attr>`, Join concatenated, `${x}` → `<x>`, anything else as JSON.
 */
function flattenReference(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  const value = node as Record<string, unknown>;
  if (value['Fn::Join']) {
    const [delimiter, items] = value['Fn::Join'] as [string, unknown[]];
    return items.map(flattenReference).join(delimiter);
  }
  if (value['Fn::Sub']) return flattenReference(value['Fn::Sub']);
  if (value['Fn::GetAtt']) {
    const [resource, attribute] = value['Fn::GetAtt'] as [unknown, unknown];
    return `<${flattenReference(resource)}.${flattenReference(attribute)}>`;
  }
  if (value['Fn::ImportValue']) return flattenReference(value['Fn::ImportValue']);
  if (value.Ref) return `<${flattenReference(value.Ref)}>`;
  return JSON.stringify(node);
}
