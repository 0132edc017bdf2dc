import { CfnDynamicReference, CfnDynamicReferenceService, CfnParameter, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * A value the Control Tower guard rules can see through.
 *
 * `EnvironmentContract.import` reads each contract value through a template parameter of
 * type `AWS::SSM::Parameter::Value<String>`. Some guard rules (CT.CLOUDWATCH.PR.3: a log
 * group's `KmsKeyId`) accept only a string or a reference to a resource of the same
 * template, so a `Ref` to a parameter is reported as unencrypted (and, with
 * cdk-validator-cfnguard 0.0.62, crashes the validator). When `value` is such a parameter,
 * this returns the equivalent dynamic reference `{{resolve:ssm:<name>}}`, which
 * CloudFormation resolves from the same SSM parameter at deploy time; any other value is
 * returned unchanged.
 */
export function guardVisible(scope: IConstruct, value: string): string {
  if (!Token.isUnresolved(value)) {
    return value;
  }
  const stack = Stack.of(scope);
  const resolved = stack.resolve(value);
  if (typeof resolved !== 'object' || resolved === null || typeof resolved.Ref !== 'string') {
    return value;
  }
  const parameter = stack.node.findAll()
    .find((c): c is CfnParameter => c instanceof CfnParameter && stack.resolve(c.logicalId) === resolved.Ref);
  if (!parameter || !parameter.type.startsWith('AWS::SSM::Parameter::Value<') || typeof parameter.default !== 'string') {
    return value;
  }
  return new CfnDynamicReference(CfnDynamicReferenceService.SSM, parameter.default).toString();
}
