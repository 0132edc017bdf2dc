/** The rule packs a compliance gate can run. */
export enum CompliancePack {
  /** cdk-nag AwsSolutions: AWS Solutions Library best practices. */
  AWS_SOLUTIONS = 'AwsSolutions',
  /** cdk-nag NIST 800-53 revision 5. */
  NIST_800_53_R5 = 'NIST.800.53.R5',
  /** cdk-nag HIPAA Security. */
  HIPAA_SECURITY = 'HIPAA.Security',
  /** cdk-nag PCI DSS 3.2.1. */
  PCI_DSS_321 = 'PCI.DSS.321',
  /** AWS Control Tower proactive controls, evaluated by cfn-guard on the synthesized templates. */
  CONTROL_TOWER = 'ControlTower',
  /** The platform's own rules (mandatory tags, no plain container environment variables, ...). */
  PLATFORM = 'Platform',
  /**
   * What CloudFormation will accept: cfn-lint, the CloudFormation linter, over every template
   * (resource schemas, property values and patterns, references). Its errors are open findings,
   * its warnings are listed and counted. Needs cfn-lint (Python) installed: see `ComplianceGate`.
   */
  CLOUDFORMATION = 'CloudFormation',
}
