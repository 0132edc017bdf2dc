import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './wildcard-findings';

/**
 * The roles CodePipeline and its actions act as. CDK's actions would grant each of them
 * `Bucket.grantReadWrite` on the artifacts (`s3:DeleteObject*`, `s3:List*`, `s3:GetBucket*`,
 * `kms:ReEncrypt*`...) in generated inline policies; the pipeline hands CDK each role
 * `withoutPolicyUpdates()`, and `writePipelinePolicies` writes what each one does.
 */
export interface PipelineRoles {
  /** CodePipeline's own role: assumes the action roles, moves artifacts between actions. */
  readonly pipeline: iam.Role;
  /** The source action: fetches the commit through the connection, writes the source artifact. */
  readonly source: iam.Role;
  /** The build action: starts the build project and watches it. */
  readonly build: iam.Role;
  /** The release and record actions: start the record project and watch it. */
  readonly record: iam.Role;
  /** The ECS deploy action's role (its policy is written by `createDeployRole`). */
  readonly deploy: iam.IRole;
  /** The manual approval (environments that require one): notifies the pipeline topic. */
  readonly approval?: iam.Role;
}

/** What the pipeline's roles act on. */
export interface PipelinePoliciesProps {
  readonly pipelineName: string;
  readonly roles: PipelineRoles;
  readonly artifactsBucket: s3.IBucket;
  /** The key of the artifacts bucket (used through S3 only, by its key policy). */
  readonly storageKey: kms.IKey;
  /** The CodeConnections connection of the source action. */
  readonly connectionArn: string;
  readonly buildProject: codebuild.IProject;
  readonly recordProject: codebuild.IProject;
  /** The approval's notification topic and its key (environments that require an approval). */
  readonly approvalTopic?: sns.ITopic;
  readonly approvalTopicKey?: kms.IKey;
}

const ARTIFACT_OBJECTS = 'Objects of this pipeline\'s own artifacts bucket, whose keys CodePipeline chooses per execution '
  + '(<pipeline>/<artifact>/<random>), so the statement cannot name them in advance. No delete and no list.';

const SOURCE_ACL = 's3:PutObjectAcl because the connection\'s source action uploads with the bucket-owner-full-control ACL and '
  + 'fails with Access Denied without it (aws-cdk issue 13557); the bucket enforces bucket ownership, so the ACL grants nobody else anything.';

/**
 * Write the policies of the pipeline's own roles as managed policies, one per role. Returns them,
 * so that the pipeline can wait for them (its first execution starts when it is created).
 */
export function writePipelinePolicies(scope: Construct, props: PipelinePoliciesProps): iam.ManagedPolicy[] {
  const { roles, artifactsBucket: bucket, storageKey } = props;
  const objects = bucket.arnForObjects('*');
  const locate = (...extra: string[]) => new iam.PolicyStatement({
    sid: 'LocateBucket', actions: ['s3:GetBucketLocation', 's3:GetBucketVersioning', ...extra], resources: [bucket.bucketArn],
  });
  const useKey = new iam.PolicyStatement({ sid: 'UseArtifactsKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [storageKey.keyArn] });
  const runProject = (project: codebuild.IProject) => new iam.PolicyStatement({
    sid: 'RunProject', actions: ['codebuild:BatchGetBuilds', 'codebuild:StartBuild', 'codebuild:StopBuild'], resources: [project.projectArn],
  });
  const actionRoles = [roles.source, roles.build, ...(roles.approval ? [roles.approval] : []), roles.record, roles.deploy];

  const policies: iam.ManagedPolicy[] = [];
  const write = (id: string, role: iam.Role, description: string, statements: iam.PolicyStatement[]): iam.ManagedPolicy => {
    const policy = new iam.ManagedPolicy(scope, id, { description: `${description} (${props.pipelineName})`, roles: [role], statements });
    policies.push(policy);
    return policy;
  };

  const pipeline = write('PipelinePolicy', roles.pipeline, 'CodePipeline: assumes its action roles, moves artifacts between actions', [
    new iam.PolicyStatement({ sid: 'AssumeActionRoles', actions: ['sts:AssumeRole'], resources: actionRoles.map((r) => r.roleArn) }),
    new iam.PolicyStatement({ sid: 'ReadWriteArtifacts', actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:PutObject'], resources: [objects] }),
    locate('s3:GetBucketAcl'),
    useKey,
  ]);
  acknowledgeWildcardResource(pipeline, objects, ARTIFACT_OBJECTS);

  const source = write('SourceActionPolicy', roles.source, 'Source action: the commit through the connection, into the source artifact', [
    // IAM matches the service prefix of the connection's ARN: connections created since July 2024 are `codeconnections` ones.
    new iam.PolicyStatement({
      sid: 'UseConnection', actions: ['codestar-connections:UseConnection', 'codeconnections:UseConnection'], resources: [props.connectionArn],
    }),
    new iam.PolicyStatement({ sid: 'WriteSourceArtifact', actions: ['s3:PutObject', 's3:PutObjectAcl'], resources: [objects] }),
    locate('s3:GetBucketAcl'),
    useKey,
  ]);
  acknowledgeWildcardResource(source, objects, `${ARTIFACT_OBJECTS} ${SOURCE_ACL}`);

  write('BuildActionPolicy', roles.build, 'Build action: starts the build project and follows it', [runProject(props.buildProject)]);
  write('RecordImageTagActionPolicy', roles.record, 'Release and record actions: start the record project and follow it',
    [runProject(props.recordProject)]);

  if (roles.approval) {
    if (!props.approvalTopic || !props.approvalTopicKey) {
      throw new Error('an approval role needs the approval topic and its key');
    }
    write('ApprovalActionPolicy', roles.approval, 'Manual approval: notifies the pipeline topic', [
      new iam.PolicyStatement({ sid: 'NotifyApprovers', actions: ['sns:Publish'], resources: [props.approvalTopic.topicArn] }),
      new iam.PolicyStatement({ sid: 'UseTopicKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [props.approvalTopicKey.keyArn] }),
    ]);
  }
  return policies;
}

