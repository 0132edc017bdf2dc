import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeScopedWildcards, AllowedWildcardResource, defaultPolicyOf } from './scoped-wildcards';
import { Compliance } from '../../compliance/acknowledgments';

/** The resources of a service pipeline that CDK's generated grants may name with wildcards. */
export interface GeneratedPolicyScope {
  /** The artifacts bucket (also the build cache). */
  readonly bucket: s3.IBucket;
  /** The keys the pipeline's roles use. */
  readonly keys: kms.IKey[];
  /** The CodeBuild projects, whose report groups CDK grants by name prefix. */
  readonly projects: codebuild.IProject[];
}

const ACTION_WILDCARDS = 'Action wildcards written by CDK\'s grants (Bucket.grantRead/grantReadWrite: s3:GetObject*, '
  + 's3:GetBucket*, s3:List*, s3:DeleteObject*, s3:Abort*; Key.grantEncryptDecrypt: kms:GenerateDataKey*, kms:ReEncrypt*), '
  + 'in statements limited to this pipeline\'s own artifacts bucket and the environment\'s keys.';

const ARTIFACT_OBJECTS = 'Objects of this pipeline\'s own artifacts bucket: CodePipeline and CodeBuild write a new key '
  + 'per execution (artifacts) and per build (cache), so the grant cannot name keys in advance.';

const REPORT_GROUPS = 'CDK grants each CodeBuild project its own test report groups, named after the project '
  + '(report-group/<project>-*); no other report group matches.';

const LOG_STREAMS = 'The log streams of the project\'s own log group, /aws/codebuild/<project> (one stream per build, '
  + 'named at run time); CDK grants them to every project, and the platform\'s KMS-encrypted group carries that name.';

const INLINE = 'CDK writes the grants of a role into this generated default policy; the role belongs to this pipeline '
  + 'alone and every statement is limited to its resources (wildcards are acknowledged one by one, with reasons).';

/**
 * Acknowledge, on each default policy CDK generated for the pipeline's roles: the action and
 * resource wildcards of CDK's grants on the pipeline's own bucket, keys and report groups (one
 * finding at a time), and the inline-policy rules. Anything else stays open.
 */
export function acknowledgeGeneratedPolicies(scope: Construct, own: GeneratedPolicyScope): void {
  const stack = Stack.of(scope);
  const allowedResources: AllowedWildcardResource[] = [
    { resource: own.bucket.arnForObjects('*'), reason: ARTIFACT_OBJECTS },
    ...own.projects.flatMap((project) => [
      {
        resource: stack.formatArn({ service: 'codebuild', resource: 'report-group', resourceName: `${project.projectName}-*` }),
        reason: REPORT_GROUPS,
      },
      {
        resource: `${stack.formatArn({
          service: 'logs', resource: 'log-group', arnFormat: ArnFormat.COLON_RESOURCE_NAME, resourceName: `/aws/codebuild/${project.projectName}`,
        })}:*`,
        reason: LOG_STREAMS,
      },
    ]),
  ];
  const roles = scope.node.findAll().filter((c): c is iam.Role => c instanceof iam.Role);
  for (const role of roles) {
    const policy = defaultPolicyOf(role);
    if (!policy) {
      continue;
    }
    acknowledgeScopedWildcards(policy, {
      ownResources: [own.bucket.bucketArn, own.bucket.arnForObjects('*'), ...own.keys.map((k) => k.keyArn)],
      actionReason: ACTION_WILDCARDS,
      allowedResources,
    });
    for (const ruleId of ['NIST.800.53.R5-IAMNoInlinePolicy', 'HIPAA.Security-IAMNoInlinePolicy', 'PCI.DSS.321-IAMNoInlinePolicy']) {
      Compliance.acknowledge(policy, ruleId, INLINE);
    }
  }
}
