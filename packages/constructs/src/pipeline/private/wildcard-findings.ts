import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Compliance } from '../../compliance/acknowledgments';

/**
 * Acknowledge the AwsSolutions-IAM5 finding of one wildcard resource of a written policy, under the
 * id cdk-nag gives it (`AwsSolutions-IAM5[Resource::<Bucket.Arn>/*]`): the other wildcards stay open.
 */
export function acknowledgeWildcardResource(policy: iam.ManagedPolicy, resource: string, reason: string): void {
  Compliance.acknowledge(policy, `AwsSolutions-IAM5[Resource::${flattenReference(Stack.of(policy).resolve(resource))}]`, reason);
}

/** cdk-nag's flattening of a CloudFormation reference: `<Logical.Arn>`, `<Ref>`, joins concatenated. */
export function flattenReference(node: any): string {
  if (node === undefined) {
    return '';
  }
  if (typeof node === 'string') {
    return node.replace(/\${/g, '<').replace(/}/g, '>');
  }
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'];
    return items.map(flattenReference).join(delimiter);
  }
  if (node['Fn::Sub']) {
    return flattenReference(node['Fn::Sub']);
  }
  if (node['Fn::GetAtt']) {
    const [logicalId, attribute] = node['Fn::GetAtt'];
    return `<${flattenReference(logicalId)}.${flattenReference(attribute)}>`;
  }
  if (node['Fn::ImportValue']) {
    return flattenReference(node['Fn::ImportValue']);
  }
  if (node.Ref) {
    return `<${flattenReference(node.Ref)}>`;
  }
  return JSON.stringify(node);
}
