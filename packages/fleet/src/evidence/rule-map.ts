/**
 * The platform's mapping of gate rules to the design's controls, where the rule's pack does not
 * say it: the Control Tower rules, the platform's own rules, the AwsSolutions rules whose
 * findings bear on a control, and the SOC 2 criteria (no pack names them).
 *
 * cdk-nag's NIST 800-53 R5 pack names the NIST controls of each of its rules in the rule's text;
 * those are read from the pack (`rule-catalog.ts`), never restated here. A NIST pack rule may
 * appear below only with SOC 2 criteria. A rule of the HIPAA or PCI pack that is the same check
 * as a NIST pack rule (same rule name) counts for that rule's controls.
 *
 * Keys are rule ids as the gate reports them, without a `[detail]` suffix.
 */
export const RULE_CONTROLS: Record<string, string[]> = {
  // The platform's own rules (packages/constructs/src/compliance/platform-rules/).
  'Platform-MandatoryTags': ['CM-2', 'CC6.1'],
  'Platform-NoPlainEnvironment': ['SC-28', 'CC6.7'],

  // AWS Control Tower proactive controls (cfn-guard), those that report on resource types the platform creates.
  'ControlTower-CT.CLOUDTRAIL.PR.1': ['AU-9', 'SC-28'],
  'ControlTower-CT.CLOUDTRAIL.PR.2': ['AU-9'],
  'ControlTower-CT.CLOUDTRAIL.PR.3': ['AU-2', 'CC7.2'],
  'ControlTower-CT.CLOUDWATCH.PR.1': ['CC7.2'],
  'ControlTower-CT.CLOUDWATCH.PR.2': ['AU-9'],
  'ControlTower-CT.CLOUDWATCH.PR.3': ['AU-9', 'SC-28'],
  'ControlTower-CT.CLOUDWATCH.PR.4': ['CC7.2'],
  'ControlTower-CT.CODEBUILD.PR.1': ['IA-2'],
  'ControlTower-CT.CODEBUILD.PR.2': ['IA-2'],
  'ControlTower-CT.CODEBUILD.PR.3': ['AU-2'],
  'ControlTower-CT.CODEBUILD.PR.4': ['CM-2', 'CC8.1'],
  'ControlTower-CT.CODEBUILD.PR.5': ['SC-28'],
  'ControlTower-CT.CODEBUILD.PR.6': ['AU-9', 'SC-28'],
  'ControlTower-CT.EC2.PR.3': ['AC-3', 'SC-7'],
  'ControlTower-CT.EC2.PR.4': ['SC-7'],
  'ControlTower-CT.EC2.PR.5': ['SC-7'],
  'ControlTower-CT.EC2.PR.11': ['SC-7'],
  'ControlTower-CT.ECR.PR.3': ['CM-2', 'CC8.1'],
  'ControlTower-CT.ECS.PR.2': ['CC7.2'],
  'ControlTower-CT.ECS.PR.4': ['SC-7'],
  'ControlTower-CT.ECS.PR.5': ['AU-2'],
  'ControlTower-CT.ECS.PR.9': ['SC-7'],
  'ControlTower-CT.ECS.PR.12': ['IA-2', 'CC6.7'],
  'ControlTower-CT.ELASTICLOADBALANCING.PR.1': ['SC-8'],
  'ControlTower-CT.ELASTICLOADBALANCING.PR.2': ['SC-8', 'SC-13'],
  'ControlTower-CT.ELASTICLOADBALANCING.PR.3': ['SC-7'],
  'ControlTower-CT.ELASTICLOADBALANCING.PR.4': ['SC-7'],
  'ControlTower-CT.ELASTICLOADBALANCING.PR.5': ['CM-2'],
  'ControlTower-CT.ELASTICLOADBALANCING.PR.6': ['AU-2'],
  'ControlTower-CT.IAM.PR.1': ['AC-2', 'AC-3'],
  'ControlTower-CT.IAM.PR.2': ['AC-2', 'AC-3'],
  'ControlTower-CT.IAM.PR.3': ['AC-2', 'AC-3'],
  'ControlTower-CT.IAM.PR.4': ['AC-2'],
  'ControlTower-CT.IAM.PR.5': ['AC-2', 'AC-3'],
  'ControlTower-CT.KMS.PR.1': ['SC-13', 'CC6.6'],
  'ControlTower-CT.KMS.PR.2': ['SC-13'],
  'ControlTower-CT.KMS.PR.3': ['AC-3', 'SC-13'],
  'ControlTower-CT.LAMBDA.PR.3': ['SC-7'],
  'ControlTower-CT.S3.PR.1': ['AC-3', 'SC-7'],
  'ControlTower-CT.S3.PR.2': ['AU-2'],
  'ControlTower-CT.S3.PR.5': ['AC-3'],
  'ControlTower-CT.S3.PR.8': ['SC-8'],
  'ControlTower-CT.S3.PR.9': ['AU-9'],
  'ControlTower-CT.S3.PR.10': ['SC-13', 'SC-28'],
  'ControlTower-CT.S3.PR.11': ['AU-9'],
  'ControlTower-CT.WAFV2.PR.1': ['SC-7'],

  // AwsSolutions rules (cdk-nag names no control for them).
  'AwsSolutions-IAM4': ['AC-2', 'AC-3'],
  'AwsSolutions-IAM5': ['AC-2', 'AC-3'],
  'AwsSolutions-EC23': ['SC-7'],
  'AwsSolutions-VPC3': ['SC-7'],
  'AwsSolutions-VPC7': ['AU-2'],
  'AwsSolutions-ELB2': ['AU-2'],
  'AwsSolutions-S1': ['AU-2'],
  'AwsSolutions-S10': ['SC-8'],
  'AwsSolutions-SNS3': ['SC-8'],
  'AwsSolutions-KMS5': ['SC-13'],
  'AwsSolutions-ECS2': ['SC-28', 'CC6.7'],
  'AwsSolutions-ECS4': ['CC7.2'],
  'AwsSolutions-CB4': ['SC-28'],

  // HIPAA and PCI rules with no NIST pack twin.
  'HIPAA.Security-CodeBuildProjectSourceRepoUrl': ['IA-2'],
  'PCI.DSS.321-CodeBuildProjectSourceRepoUrl': ['IA-2'],

  // SOC 2 criteria of NIST pack rules (their NIST controls are the pack's).
  'NIST.800.53.R5-CloudWatchAlarmAction': ['CC7.2'],
  'NIST.800.53.R5-KMSBackingKeyRotationEnabled': ['CC6.6'],
  'NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW': ['CC6.7'],
};
