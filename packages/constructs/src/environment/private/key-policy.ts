import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * What the key-administrator role may do to a key: read it, switch it off and on, rotate it,
 * revoke grants, cancel a scheduled deletion, tag it. Not: use it, create grants, rewrite its
 * policy (which would let it grant itself use), delete it or stop its rotation.
 */
export const KEY_ADMINISTRATOR_ACTIONS = [
  'kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListGrants', 'kms:ListKeyPolicies',
  'kms:ListKeyRotations', 'kms:ListResourceTags',
  'kms:EnableKey', 'kms:DisableKey', 'kms:EnableKeyRotation', 'kms:RotateKeyOnDemand', 'kms:RevokeGrant',
  'kms:CancelKeyDeletion', 'kms:TagResource', 'kms:UntagResource', 'kms:UpdateKeyDescription',
];

/**
 * What the account's principals may do to a key through their IAM policies: everything an
 * administrator needs, including the key policy itself (so that CloudFormation, and the account's
 * administrators, can always manage the key: it can never become unmanageable) and aliases; no
 * cryptographic operation and no grant.
 */
export const ACCOUNT_ADMINISTRATION_ACTIONS = [
  ...KEY_ADMINISTRATOR_ACTIONS,
  'kms:PutKeyPolicy', 'kms:DisableKeyRotation', 'kms:ScheduleKeyDeletion',
  'kms:CreateAlias', 'kms:UpdateAlias', 'kms:DeleteAlias',
];

/** The cryptographic operations and grants, which no administrator is given. */
export const KEY_USAGE_ACTIONS = [
  'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext',
  'kms:GenerateDataKeyWithoutPlaintext', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:CreateGrant',
];

/**
 * The statements every platform key starts with: the account administers it (through IAM
 * policies, never using it), the key-administrator role administers it (named here, no IAM
 * policy needed), and nobody creates a grant that is not for an AWS resource (Control Tower
 * CT.KMS.PR.3). Use is added per key, each through the AWS services that need it.
 */
export function baseKeyPolicy(keyAdministrator: iam.IRole): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'AccountAdministersTheKey',
        principals: [new iam.AccountRootPrincipal()],
        actions: ACCOUNT_ADMINISTRATION_ACTIONS,
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'KeyAdministrator',
        principals: [new iam.ArnPrincipal(keyAdministrator.roleArn)],
        actions: KEY_ADMINISTRATOR_ACTIONS,
        resources: ['*'],
      }),
      new iam.PolicyStatement({
        sid: 'GrantsOnlyForAwsResources',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
      }),
    ],
  });
}

/** Options of a use of a key through AWS services. */
export interface UseThroughOptions {
  /** Services (e.g. `s3`) whose requests on behalf of the account's principals may use the key, in the stack's region. */
  readonly services: string[];
  readonly actions: string[];
  /** Only these principals (IAM ARN patterns, `aws:PrincipalArn`). */
  readonly principalArns?: string[];
  /** Further conditions, merged in. */
  readonly conditions?: Record<string, Record<string, unknown>>;
}

/**
 * Use of a key by the account's principals whose IAM policies allow it, only when an AWS service
 * of this account and region makes the request for them (`kms:ViaService`, `kms:CallerAccount`):
 * a principal with `kms:Decrypt` on `*` cannot decrypt anything itself.
 */
export function useThrough(sid: string, region: string, options: UseThroughOptions): iam.PolicyStatement {
  const via = options.services.map((service) => `${service}.${region}.amazonaws.com`);
  const conditions: Record<string, Record<string, unknown>> = {
    StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID, 'kms:ViaService': via.length === 1 ? via[0] : via },
    ...(options.principalArns ? { ArnLike: { 'aws:PrincipalArn': options.principalArns } } : {}),
  };
  for (const [operator, values] of Object.entries(options.conditions ?? {})) {
    conditions[operator] = { ...conditions[operator], ...values };
  }
  return new iam.PolicyStatement({
    sid,
    principals: [new iam.AccountRootPrincipal()],
    actions: options.actions,
    resources: ['*'],
    conditions,
  });
}
