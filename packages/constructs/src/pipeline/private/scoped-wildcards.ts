import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { Compliance } from '../../compliance/acknowledgments';

/** A wildcard resource that may be acknowledged, with the reason. */
export interface AllowedWildcardResource {
  /** The resource as written in the policy, e.g. `bucket.arnForObjects('*')`. */
  readonly resource: string;
  readonly reason: string;
}

/** Which wildcard findings of a policy are legitimate. */
export interface ScopedWildcards {
  /**
   * Resources of this construct: an action wildcard (`s3:GetObject*`, `kms:GenerateDataKey*`)
   * is acknowledged only when every statement that carries it is limited to these.
   */
  readonly ownResources: string[];
  /** Why action wildcards on own resources are accepted. */
  readonly actionReason: string;
  /** Resource wildcards that are accepted, each with its reason. */
  readonly allowedResources: AllowedWildcardResource[];
}

/**
 * Acknowledge the AwsSolutions-IAM5 findings of one policy that are CDK-generated wildcards on
 * this construct's own resources, one finding at a time (`AwsSolutions-IAM5[Action::s3:List*]`).
 * Any other wildcard is left open for the compliance gate to report.
 *
 * The finding ids mirror cdk-nag's IAMNoWildcardPermissions rule (`Action::<action>`,
 * `Resource::<flattened resource>`); the zero-findings test fails if they drift apart.
 *
 * @returns the finding ids acknowledged
 */
export function acknowledgeScopedWildcards(policy: IConstruct, scope: ScopedWildcards): string[] {
  const resource = Compliance.resourceOf(policy);
  const stack = Stack.of(resource);
  const document = stack.resolve(policyDocumentOf(resource));
  const own = new Set(scope.ownResources.map((r) => JSON.stringify(stack.resolve(r))));
  const allowed = new Map(scope.allowedResources.map((a) => [JSON.stringify(stack.resolve(a.resource)), a.reason]));

  const verdicts = new Map<string, string | undefined>();
  const record = (finding: string, reason: string | undefined): void => {
    // A finding produced by several statements is accepted only if every one of them is.
    verdicts.set(finding, verdicts.has(finding) && verdicts.get(finding) === undefined ? undefined : reason);
  };
  for (const statement of document?.Statement ?? []) {
    if (statement.Effect !== 'Allow') {
      continue;
    }
    const resources = asArray(statement.Resource);
    const scopedToOwn = resources.length > 0 && resources.every((r) => own.has(JSON.stringify(r)));
    for (const action of asArray(statement.Action).filter((a) => String(a).includes('*'))) {
      record(`Action::${action}`, scopedToOwn ? scope.actionReason : undefined);
    }
    for (const r of resources) {
      const flat = flattenReference(r);
      if (flat.includes('*')) {
        record(`Resource::${flat}`, allowed.get(JSON.stringify(r)));
      }
    }
  }

  const acknowledged: string[] = [];
  for (const [finding, reason] of verdicts) {
    if (reason !== undefined) {
      const ruleId = `AwsSolutions-IAM5[${finding}]`;
      Compliance.acknowledge(resource, ruleId, reason);
      acknowledged.push(ruleId);
    }
  }
  return acknowledged;
}

/** The default policy CDK generated for a role, if any statement was granted to it. */
export function defaultPolicyOf(role: iam.IRole): iam.Policy | undefined {
  const policy = role.node.tryFindChild('DefaultPolicy');
  return policy instanceof iam.Policy ? policy : undefined;
}

function policyDocumentOf(resource: CfnResource): unknown {
  if (resource instanceof iam.CfnPolicy || resource instanceof iam.CfnManagedPolicy) {
    return resource.policyDocument;
  }
  throw new Error(`${resource.node.path} is not an IAM policy`);
}

function asArray(value: unknown): any[] {
  if (value === undefined) {
    return [];
  }
  return Array.isArray(value) ? value : [value];
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
