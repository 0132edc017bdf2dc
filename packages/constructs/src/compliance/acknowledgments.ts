import { CfnResource, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PlatformError } from '../errors';
import { nativeAcknowledgments } from './private/native-acknowledgments';

/** The shortest reason accepted: a reviewer must learn why from it. */
const MIN_REASON_LENGTH = 20;

/** One accepted finding on one resource. */
export interface Acknowledgment {
  /** The rule, e.g. `AwsSolutions-IAM5` (all its findings) or `AwsSolutions-IAM5[Action::ecr:GetAuthorizationToken]`. */
  readonly ruleId: string;
  /** Why the finding cannot be fixed in the construct. */
  readonly reason: string;
}

/**
 * Acknowledgments of compliance findings that cannot be fixed, each on one resource.
 *
 * @example
 * declare const role: iam.Role;
 * Compliance.acknowledge(role.node.findChild('DefaultPolicy'), 'AwsSolutions-IAM5[Resource::*]',
 *   'ecr:GetAuthorizationToken cannot be scoped to a resource');
 */
export class Compliance {
  /** Template metadata key under which acknowledgments are written, for auditors reading cdk.out. */
  public static readonly METADATA_KEY = 'fargate-platform:acknowledgments';

  /**
   * Accept one finding on one resource, with the reason a reviewer would accept.
   *
   * The scope must be a CloudFormation resource or a construct whose default child is
   * one (an L2 such as a bucket). An App, Stage or Stack is refused: an acknowledgment
   * there would hide every future finding of the rule.
   *
   * @param scope the resource the finding is on
   * @param ruleId the rule, with or without its `[detail]` suffix
   * @param reason why it cannot be fixed (at least 20 characters)
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    const resource = Compliance.resourceOf(scope);
    PlatformError.assert(scope, /^\S+$/.test(ruleId), `acknowledgment ruleId must be a rule id without spaces; got '${ruleId}'`);
    PlatformError.assert(scope, reason.trim().length >= MIN_REASON_LENGTH,
      `acknowledgment of ${ruleId} needs a reason of at least ${MIN_REASON_LENGTH} characters; got '${reason}'`);

    const existing = Compliance.acknowledgmentsOf(resource).filter((a) => a.ruleId !== ruleId);
    resource.addMetadata(Compliance.METADATA_KEY, [...existing, { ruleId, reason: reason.trim() }]);
  }

  /**
   * The acknowledgments recorded on a resource, with this API or with CDK's
   * `Validations.of(resource).acknowledge(...)`.
   *
   * @param resource the CloudFormation resource
   */
  public static acknowledgmentsOf(resource: CfnResource): Acknowledgment[] {
    const own: Acknowledgment[] = resource.getMetadata(Compliance.METADATA_KEY) ?? [];
    const native = [resource, resource.node.scope]
      .filter((c): c is IConstruct => c !== undefined && (c === resource || c.node.defaultChild === resource))
      .flatMap(nativeAcknowledgments);
    return [...own, ...native];
  }

  /**
   * The one CloudFormation resource a scope stands for.
   *
   * @param scope a CfnResource or a construct whose default child is one
   */
  public static resourceOf(scope: IConstruct): CfnResource {
    if (Stage.isStage(scope) || Stack.isStack(scope)) {
      throw new PlatformError(scope, 'acknowledgments on an App, Stage or Stack are not accepted: they would hide '
        + 'every future finding of the rule. Acknowledge the exact resource the finding is on.');
    }
    if (CfnResource.isCfnResource(scope)) {
      return scope;
    }
    const child = scope.node.defaultChild;
    if (child && CfnResource.isCfnResource(child)) {
      return child;
    }
    const count = scope.node.findAll().filter(CfnResource.isCfnResource).length;
    throw new PlatformError(scope, `acknowledgments must name a single resource; this construct holds ${count} `
      + 'resources and has no default resource. Pass the resource itself (e.g. construct.node.findChild(\'Resource\')).');
  }

  private constructor() {}
}
