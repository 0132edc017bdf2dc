/**
 * The controls the design asks the platform to meet (NIST 800-53 and SOC 2), with what
 * enforces each: the constructs, the resources to find in every environment's templates, and
 * the tests that prove it. The checks (gate rules) of each control are not listed here: those
 * of cdk-nag's NIST pack come from the pack's own text, the others from `rule-map.ts`.
 */

/** The frameworks of the design's compliance section. */
export enum Framework {
  NIST = 'NIST 800-53',
  SOC2 = 'SOC 2',
}

/**
 * Resources of one type in a template that implement a control, optionally only those whose
 * properties contain a text (e.g. a Config rule's source identifier).
 */
export interface ResourceSelector {
  readonly type: string;
  /** Only resources whose `Properties`, as compact JSON, contain this text. */
  readonly contains?: string;
  /** What the resource does for the control, in a few words. */
  readonly what: string;
}

/** One control of the design. */
export interface Control {
  readonly id: string;
  readonly framework: Framework;
  readonly title: string;
  /** The design's own words for what the control covers on this platform. */
  readonly design: string;
  /** Constructs that enforce it, each with its file under packages/constructs/src/. */
  readonly constructs: string[];
  /** Tests that prove it: property numbers, test files, integration scenarios (paths from the repository root). */
  readonly tests: string[];
  /** Resources every environment should hold for it. */
  readonly resources: ResourceSelector[];
  /** SOC 2: the NIST controls whose checks and resources also count for this criterion. */
  readonly inherits?: string[];
}

const configRule = (identifier: string, what: string): ResourceSelector =>
  ({ type: 'AWS::Config::ConfigRule', contains: `"SourceIdentifier":"${identifier}"`, what: `Config rule ${identifier}: ${what}` });

/** The ten NIST 800-53 controls and five SOC 2 criteria of the design, in its order. */
export const CONTROLS: Control[] = [
  {
    id: 'AC-2',
    framework: Framework.NIST,
    title: 'Account management',
    design: 'IAM roles, least privilege',
    constructs: [
      '`createServiceRoles` (service/private/service-roles.ts): the execution and task roles of each service',
      'the build and deploy roles (pipeline/private/build-projects.ts, pipeline/private/deploy-role.ts)',
      'the `{env}-operator` role of `PlatformAudit` (environment/platform-audit.ts); no IAM users',
    ],
    tests: ['Property 43', 'Property 50', 'packages/constructs/test/pipeline/pipeline-compliance.test.ts'],
    resources: [{ type: 'AWS::IAM::Role', what: 'one role per purpose, named after it' }],
  },
  {
    id: 'AC-3',
    framework: Framework.NIST,
    title: 'Access enforcement',
    design: 'security groups, IAM policies',
    constructs: [
      '`createServiceNetwork` (service/private/service-network.ts)',
      'the load balancer\'s security group (`PlatformIngress`, environment/platform-ingress.ts)',
      'the repository policy (`ServiceRepository`, service/service-repository.ts)',
      'key policies (`PlatformKeys`, environment/platform-keys.ts)',
    ],
    tests: ['Property 10', 'Property 20', 'Property 35', 'integ/integ.ecr-repository.ts'],
    resources: [
      { type: 'AWS::EC2::SecurityGroup', what: 'network access of each task and load balancer' },
      { type: 'AWS::IAM::ManagedPolicy', what: 'permissions of a role, scoped to its resources' },
      { type: 'AWS::IAM::Policy', what: 'permissions of a role, scoped to its resources' },
      { type: 'AWS::ECR::Repository', contains: '"RepositoryPolicyText"', what: 'who may pull and push each image' },
      configRule('ECS_TASK_DEFINITION_NONROOT_USER', 'containers run as a non-root user'),
    ],
  },
  {
    id: 'AU-2',
    framework: Framework.NIST,
    title: 'Audit events',
    design: 'CloudTrail, VPC flow logs, CloudWatch',
    constructs: [
      'the multi-region trail of all management events (`PlatformAudit`, environment/platform-audit.ts)',
      'VPC flow logs (`PlatformNetwork`, environment/platform-network.ts)',
      'load balancer access and WAF logs (`PlatformIngress`, environment/platform-ingress.ts)',
      'container logs (`PlatformService`, service/platform-service.ts)',
      'S3 server access logs (`secureBucket`, private/secure-bucket.ts)',
    ],
    tests: ['Property 29', 'Property 31', 'Property 36', 'Property 52', 'integ/integ.environment-audit.ts'],
    resources: [
      { type: 'AWS::CloudTrail::Trail', what: 'every management event of the account' },
      { type: 'AWS::EC2::FlowLog', what: 'the network traffic of the VPC' },
      { type: 'AWS::WAFv2::LoggingConfiguration', what: 'requests the web ACL saw' },
      { type: 'AWS::Logs::LogGroup', what: 'application, flow and trail logs' },
      configRule('CLOUD_TRAIL_ENABLED', 'the trail stays on'),
      configRule('VPC_FLOW_LOGS_ENABLED', 'flow logs stay on'),
    ],
  },
  {
    id: 'AU-9',
    framework: Framework.NIST,
    title: 'Protection of audit information',
    design: 'log encryption, retention',
    constructs: [
      'the trail bucket with Object Lock (COMPLIANCE in prod) and a deny-delete policy in place of MFA delete (`PlatformAudit`)',
      'log file validation, KMS on the trail and every log group (`PlatformAudit`, `secureBucket`)',
      'retention of at least a year (`EnvironmentProfile`, environment/environment-profile.ts)',
    ],
    tests: ['Property 9', 'Property 52', 'Property 53', 'packages/constructs/test/environment/platform-environment.test.ts'],
    resources: [
      { type: 'AWS::S3::Bucket', contains: '"ObjectLockEnabled":true', what: 'audit bucket whose objects cannot be deleted' },
      { type: 'AWS::CloudTrail::Trail', contains: '"EnableLogFileValidation":true', what: 'trail with log file validation' },
      configRule('CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', 'log file validation stays on'),
      configRule('CLOUD_TRAIL_ENCRYPTION_ENABLED', 'the trail stays encrypted'),
    ],
  },
  {
    id: 'CM-2',
    framework: Framework.NIST,
    title: 'Baseline configuration',
    design: 'infrastructure state, Config',
    constructs: [
      'every environment setting in one place, `EnvironmentProfile` (environment/environment-profile.ts, published as docs/ENVIRONMENTS.md)',
      'generated projects and pinned versions (.projenrc.ts, projenrc/)',
      'the Config recorder for all resource types and its starter rules (`PlatformAudit`)',
    ],
    tests: ['Property 46', 'Property 56', 'packages/constructs/test/environment/environment-profile.test.ts',
      'packages/constructs/test/environment/profile-table.test.ts', 'test/repository.test.ts', 'integ/integ.environment-audit.ts'],
    resources: [
      { type: 'AWS::Config::ConfigurationRecorder', what: 'records the configuration of every resource' },
      { type: 'AWS::Config::DeliveryChannel', what: 'keeps configuration snapshots' },
    ],
  },
  {
    id: 'IA-2',
    framework: Framework.NIST,
    title: 'Identification and authentication',
    design: 'IAM, MFA',
    constructs: [
      'the operator role requires MFA at most an hour old (`PlatformAudit`, environment/platform-audit.ts)',
      'the starter Config rules on root and console MFA (`PlatformAudit`)',
      'workloads authenticate as roles only: no access keys in build projects or containers',
    ],
    tests: ['Property 50', 'Property 54', 'packages/constructs/test/environment/platform-environment.test.ts'],
    resources: [
      { type: 'AWS::IAM::Role', contains: '"aws:MultiFactorAuthPresent":"true"', what: 'role people assume only with MFA' },
      configRule('ROOT_ACCOUNT_MFA_ENABLED', 'the root user has MFA'),
      configRule('MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS', 'console users have MFA'),
    ],
  },
  {
    id: 'SC-7',
    framework: Framework.NIST,
    title: 'Boundary protection',
    design: 'VPC, security groups, NACLs',
    constructs: [
      'private subnets for tasks, public subnets for the load balancer and NAT only, network ACLs, VPC endpoints, closed default group (`PlatformNetwork`, environment/platform-network.ts)',
      'WAF and HTTPS-only ingress (`PlatformIngress`, environment/platform-ingress.ts)',
      'least-privilege service groups (`createServiceNetwork`, service/private/service-network.ts)',
    ],
    tests: ['Property 8', 'Property 10', 'Property 27', 'Property 34', 'Property 35', 'Property 42',
      'integ/integ.internal-service.ts', 'integ/integ.public-service.ts'],
    resources: [
      { type: 'AWS::EC2::VPC', what: 'the network boundary of the environment' },
      { type: 'AWS::EC2::NetworkAcl', what: 'stateless filter of each subnet tier' },
      { type: 'AWS::EC2::VPCEndpoint', what: 'AWS APIs reached without the internet' },
      { type: 'AWS::WAFv2::WebACL', what: 'filters requests before the load balancer' },
      configRule('VPC_DEFAULT_SECURITY_GROUP_CLOSED', 'the default group stays closed'),
      configRule('ALB_WAF_ENABLED', 'load balancers keep their web ACL'),
    ],
  },
  {
    id: 'SC-8',
    framework: Framework.NIST,
    title: 'Transmission confidentiality and integrity',
    design: 'TLS, encryption in transit',
    constructs: [
      'one HTTPS listener with a TLS 1.2+ policy and no port 80 (`PlatformIngress`, environment/platform-ingress.ts)',
      'TLS-only buckets and topics (`secureBucket`, `ArtifactsBucket` (pipeline/artifacts-bucket.ts), `PlatformAlerting` (environment/platform-alerting.ts))',
    ],
    tests: ['Property 6', 'Property 40', 'integ/integ.public-service.ts'],
    resources: [
      { type: 'AWS::ElasticLoadBalancingV2::Listener', contains: '"Protocol":"HTTPS"', what: 'HTTPS listener' },
      { type: 'AWS::S3::BucketPolicy', contains: '"aws:SecureTransport":"false"', what: 'bucket refuses requests without TLS' },
      { type: 'AWS::SNS::TopicPolicy', contains: '"aws:SecureTransport":"false"', what: 'topic refuses publishers without TLS' },
      configRule('S3_BUCKET_SSL_REQUESTS_ONLY', 'buckets keep refusing plain HTTP'),
    ],
  },
  {
    id: 'SC-13',
    framework: Framework.NIST,
    title: 'Cryptographic protection',
    design: 'KMS, encryption at rest',
    constructs: ['six customer-managed keys, rotated yearly, grants only for AWS resources (`PlatformKeys`, environment/platform-keys.ts)'],
    tests: ['Property 5', 'Property 52', 'integ/integ.compliance-baseline.ts'],
    resources: [
      { type: 'AWS::KMS::Key', contains: '"EnableKeyRotation":true', what: 'customer-managed key, rotated' },
      configRule('CMK_BACKING_KEY_ROTATION_ENABLED', 'keys keep rotating'),
    ],
  },
  {
    id: 'SC-28',
    framework: Framework.NIST,
    title: 'Protection of information at rest',
    design: 'KMS encryption',
    constructs: [
      'KMS on log groups (`PlatformService`, `PlatformNetwork`, `PlatformIngress`, `PlatformCluster`)',
      'KMS on buckets (`secureBucket`, `ArtifactsBucket`), repositories (`ServiceRepository`), topics (`PlatformAlerting`)',
      'Fargate ephemeral storage (`PlatformCluster`, environment/platform-cluster.ts)',
    ],
    tests: ['Property 5', 'Property 52', 'Property 53', 'integ/integ.ecr-repository.ts'],
    resources: [
      { type: 'AWS::KMS::Key', what: 'customer-managed key' },
      configRule('CLOUDWATCH_LOG_GROUP_ENCRYPTED', 'log groups stay encrypted'),
    ],
  },
  {
    id: 'CC6.1',
    framework: Framework.SOC2,
    title: 'Logical access controls',
    design: 'IAM, MFA',
    constructs: ['the roles of AC-2 and the MFA of IA-2', 'ownership of every resource in its tags (`MandatoryTags`, tagging/mandatory-tags.ts)'],
    tests: ['Property 20', 'Property 43', 'Property 50', 'Property 54', 'Property 55', 'packages/constructs/test/tagging/mandatory-tags.test.ts'],
    resources: [],
    inherits: ['AC-2', 'AC-3', 'IA-2'],
  },
  {
    id: 'CC6.6',
    framework: Framework.SOC2,
    title: 'Encryption',
    design: 'KMS, TLS',
    constructs: ['`PlatformKeys` and the KMS settings of SC-28', 'the TLS listener of SC-8 and its WAF (`PlatformIngress`)'],
    tests: ['Property 5', 'Property 6', 'Property 40'],
    resources: [],
    inherits: ['SC-8', 'SC-13', 'SC-28'],
  },
  {
    id: 'CC6.7',
    framework: Framework.SOC2,
    title: 'Transmission security',
    design: 'VPC, security groups',
    constructs: [
      '`PlatformNetwork`, `createServiceNetwork`, `PlatformIngress` (SC-7, SC-8)',
      'configuration reaches containers as SSM parameters or secrets, never plain variables (`containerSecrets`, service/private/container-secrets.ts)',
    ],
    tests: ['Property 8', 'Property 10', 'Property 35', 'Property 44'],
    resources: [],
    inherits: ['SC-7', 'SC-8'],
  },
  {
    id: 'CC7.2',
    framework: Framework.SOC2,
    title: 'System monitoring',
    design: 'CloudWatch, alarms',
    constructs: [
      '`ServiceMonitoring` (service/private/service-monitoring.ts): alarms on the critical and warning topics, dashboard',
      '`PlatformAlerting` (environment/platform-alerting.ts), Container Insights (`PlatformCluster`)',
      'pipeline notifications (`ServicePipeline`, pipeline/service-pipeline.ts)',
    ],
    tests: ['Property 11', 'Property 30', 'Property 32', 'integ/integ.environment-audit.ts'],
    resources: [
      { type: 'AWS::CloudWatch::Alarm', what: 'alarm with an action' },
      { type: 'AWS::SNS::Topic', what: 'where alarms and pipeline events go' },
      { type: 'AWS::CloudWatch::Dashboard', what: 'a service\'s dashboard' },
      { type: 'AWS::CodeStarNotifications::NotificationRule', what: 'pipeline notifications' },
    ],
    inherits: ['AU-2'],
  },
  {
    id: 'CC8.1',
    framework: Framework.SOC2,
    title: 'Change management',
    design: 'infrastructure as code, version control',
    constructs: [
      'everything generated from .projenrc.ts and projenrc/; the build fails on uncommitted generated changes',
      '`ServicePipeline` (pipeline/service-pipeline.ts): branch rules, approval in prod, deployments recorded in the image-tag parameter',
      '`ComplianceGate` (compliance/compliance-gate.ts) on every synth',
    ],
    tests: ['Property 12', 'Property 13', 'Property 14', 'Property 15', 'Property 16', 'Property 48',
      'packages/constructs/test/pipeline/service-pipeline.test.ts', 'test/repository.test.ts', 'integ/integ.service-pipeline.ts'],
    resources: [
      { type: 'AWS::CodePipeline::Pipeline', what: 'the only path from a commit to a deployment' },
      { type: 'AWS::CodeBuild::Project', what: 'builds and tags the image of a commit' },
      { type: 'AWS::ECR::Repository', what: 'keeps the images that were deployed' },
    ],
    inherits: ['CM-2'],
  },
];

/** The control of an id; throws naming the known ids. */
export function controlOf(id: string): Control {
  const control = CONTROLS.find((c) => c.id === id);
  if (!control) {
    throw new Error(`no control '${id}'; the design's are ${CONTROLS.map((c) => c.id).join(', ')}`);
  }
  return control;
}
