/** Reading the policies of a synthesized template: key policies by alias, statements, principals. */

/** One policy statement as CloudFormation holds it. */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: any;
  readonly Action: string | string[];
  readonly Resource?: any;
  readonly Condition?: Record<string, Record<string, any>>;
}

/** The cryptographic actions: what "using" a key means, as opposed to administering it. */
export const KEY_USAGE_ACTIONS = [
  'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:CreateGrant',
];

export function actionsOf(statement: Statement): string[] {
  return typeof statement.Action === 'string' ? [statement.Action] : statement.Action;
}

/** Whether an action pattern of a statement (e.g. `kms:*`, `kms:GenerateDataKey*`) covers an action. */
export function covers(pattern: string, action: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(action);
}

/** The usage actions a statement allows. */
export function usageActionsOf(statement: Statement): string[] {
  return KEY_USAGE_ACTIONS.filter((action) => actionsOf(statement).some((pattern) => covers(pattern, action)));
}

/** Whether a principal is the account itself (`arn:...:iam::<account>:root`). */
export function isAccountRoot(principal: any): boolean {
  return principal?.AWS !== undefined && JSON.stringify(principal.AWS).includes(':root');
}

/** The key policy statements of each customer-managed key, by alias name (`alias/fargate-platform/{env}/{purpose}`). */
export function keyPoliciesByAlias(json: any): Record<string, Statement[]> {
  const resources = json.Resources as Record<string, any>;
  const out: Record<string, Statement[]> = {};
  for (const alias of Object.values(resources).filter((r) => r.Type === 'AWS::KMS::Alias')) {
    const keyId = alias.Properties.TargetKeyId['Fn::GetAtt'][0];
    out[alias.Properties.AliasName] = resources[keyId].Properties.KeyPolicy.Statement;
  }
  return out;
}

/** The logical id of the key behind an alias. */
export function keyIdOfAlias(json: any, aliasName: string): string {
  const alias = Object.values(json.Resources as Record<string, any>)
    .find((r) => r.Type === 'AWS::KMS::Alias' && r.Properties.AliasName === aliasName);
  return alias.Properties.TargetKeyId['Fn::GetAtt'][0];
}

/** The logical id of the role with this name. */
export function roleIdNamed(json: any, roleName: string): string | undefined {
  return Object.entries(json.Resources as Record<string, any>)
    .find(([, r]) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === roleName)?.[0];
}

/** Every statement of the managed policies attached to a role (by logical id). */
export function managedStatementsOf(json: any, roleId: string): Statement[] {
  return Object.values(json.Resources as Record<string, any>)
    .filter((r) => r.Type === 'AWS::IAM::ManagedPolicy' && (r.Properties.Roles ?? []).some((ref: any) => ref.Ref === roleId))
    .flatMap((r) => r.Properties.PolicyDocument.Statement);
}
