import { CfnResource, Stack } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { PlatformRule } from './platform-rule';

/** No container receives plain environment variables or environment files. */
export const NO_PLAIN_ENVIRONMENT: PlatformRule = {
  id: 'NoPlainEnvironment',
  info: 'A container receives configuration as plain environment variables or environment files.',
  explanation: 'Plain environment values are readable by anyone who can describe the task definition and are '
    + 'not audited. Pass configuration as SSM parameters or secrets through the container\'s `secrets`.',
  level: NagMessageLevel.ERROR,
  check: (resource: CfnResource) => {
    if (resource.cfnResourceType !== 'AWS::ECS::TaskDefinition') {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const containers: Array<Record<string, unknown>> =
      Stack.of(resource).resolve((resource as unknown as { containerDefinitions?: unknown }).containerDefinitions) ?? [];
    const offenders = containers
      .filter((c) => nonEmpty(c.environment ?? c.Environment) || nonEmpty(c.environmentFiles ?? c.EnvironmentFiles))
      .map((c) => String(c.name ?? c.Name ?? 'unnamed'));
    return offenders.length === 0 ? NagRuleCompliance.COMPLIANT : offenders;
  },
};

function nonEmpty(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
