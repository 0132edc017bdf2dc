import { Template } from 'aws-cdk-lib/assertions';
import { EnvironmentProfile } from '../../src';
import { environmentFixture, resourcesOf, synthesizeEnvironment } from '../helpers/environment-fixture';
import {
  actionsOf, isAccountRoot, keyIdOfAlias, keyPoliciesByAlias, managedStatementsOf, roleIdNamed, Statement, usageActionsOf,
} from '../helpers/policies';

// Generators: the prod and develop environments (account 111111111111, us-east-1), synthesized once.
const prod = () => synthesizeEnvironment(EnvironmentProfile.PROD).json;
const develop = () => synthesizeEnvironment(EnvironmentProfile.DEVELOP).json;
const alias = (env: string, purpose: string) => `alias/fargate-platform/${env}/${purpose}`;

describe('PlatformKeys: administration separated from use', () => {
  test.each([['prod', prod], ['develop', develop]])('%s: no key lets the account\'s principals use it through IAM policies alone', (_env, json) => {
    for (const [name, statements] of Object.entries(keyPoliciesByAlias(json()))) {
      for (const s of statements.filter((st) => st.Effect === 'Allow' && isAccountRoot(st.Principal) && usageActionsOf(st).length > 0)) {
        // Usage delegated to IAM must come through an AWS service of this account.
        expect({ key: name, sid: s.Sid, viaService: s.Condition?.StringEquals?.['kms:ViaService'] })
          .toEqual({ key: name, sid: s.Sid, viaService: expect.anything() });
        expect({ key: name, sid: s.Sid, callerAccount: s.Condition?.StringEquals?.['kms:CallerAccount'] })
          .toEqual({ key: name, sid: s.Sid, callerAccount: expect.anything() });
      }
    }
  });

  test('the account keeps administering every key (it can never become unmanageable), without using it', () => {
    for (const [name, statements] of Object.entries(keyPoliciesByAlias(prod()))) {
      const administration = statements.filter((s) => s.Effect === 'Allow' && isAccountRoot(s.Principal) && !s.Condition);
      expect({ key: name, count: administration.length }).toEqual({ key: name, count: 1 });
      expect(actionsOf(administration[0])).toEqual(expect.arrayContaining(['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DescribeKey']));
      expect({ key: name, usage: usageActionsOf(administration[0]) }).toEqual({ key: name, usage: [] });
    }
  });

  test('a key-administrator role (MFA) administers every key: it can disable or rotate one, not use it or rewrite its policy', () => {
    const json = prod();
    const roleId = roleIdNamed(json, 'prod-key-administrator')!;
    expect(roleId).toBeDefined();
    expect(JSON.stringify(json.Resources[roleId].Properties.AssumeRolePolicyDocument)).toContain('aws:MultiFactorAuthPresent');
    for (const [name, statements] of Object.entries(keyPoliciesByAlias(json))) {
      const own = statements.filter((s) => JSON.stringify(s.Principal ?? {}).includes(roleId));
      expect({ key: name, count: own.length }).toEqual({ key: name, count: 1 });
      expect(actionsOf(own[0])).toEqual(expect.arrayContaining(['kms:DisableKey', 'kms:EnableKey', 'kms:RotateKeyOnDemand', 'kms:DescribeKey']));
      expect(actionsOf(own[0])).not.toContain('kms:PutKeyPolicy');
      expect({ key: name, usage: usageActionsOf(own[0]) }).toEqual({ key: name, usage: [] });
    }
    // Even if someone attaches a broad policy to it later, the role's own policy denies use and policy changes.
    const denied = managedStatementsOf(json, roleId).filter((s) => s.Effect === 'Deny').flatMap(actionsOf);
    expect(denied).toEqual(expect.arrayContaining(['kms:Decrypt', 'kms:PutKeyPolicy', 'kms:CreateGrant']));
  });

  test('the secrets key decrypts only through Secrets Manager or SSM, for the environment\'s service roles and its secret writer (the operator)', () => {
    const json = prod();
    const writerId = roleIdNamed(json, 'prod-operator')!;
    expect(writerId).toBeDefined();
    const decrypting = keyPoliciesByAlias(json)[alias('prod', 'secrets')]
      .filter((s) => s.Effect === 'Allow' && usageActionsOf(s).includes('kms:Decrypt'));
    expect(decrypting.length).toBeGreaterThan(0);
    for (const s of decrypting) {
      const services = [s.Condition?.StringEquals?.['kms:ViaService']].flat();
      expect(services.every((v) => ['secretsmanager.us-east-1.amazonaws.com', 'ssm.us-east-1.amazonaws.com'].includes(v))).toBe(true);
      const who = JSON.stringify([s.Principal, s.Condition?.ArnLike?.['aws:PrincipalArn']]);
      const namesServiceRoles = who.includes('*-prod-execution') && who.includes('*-prod-task');
      expect(namesServiceRoles || who.includes(writerId)).toBe(true);
    }
    // The writer writes values of the environment's secrets; it may not read them back.
    const writer = managedStatementsOf(json, writerId);
    expect(writer.filter((s) => s.Effect === 'Deny').flatMap(actionsOf)).toContain('secretsmanager:GetSecretValue');
    expect(writer.filter((s) => s.Effect === 'Allow').flatMap(actionsOf)).not.toContain('secretsmanager:GetSecretValue');
    const writes = writer.filter((s) => s.Effect === 'Allow' && actionsOf(s).includes('secretsmanager:PutSecretValue'));
    expect(writes.map((s) => s.Condition?.StringEquals)).toEqual([{ 'aws:ResourceTag/Environment': 'prod' }]);
    // It creates secrets only with the secrets key (whose decryption is restricted), never the AWS managed key.
    const creates = writer.filter((s) => s.Effect === 'Allow' && actionsOf(s).includes('secretsmanager:CreateSecret'));
    expect(creates).toHaveLength(1);
    expect(JSON.stringify(creates[0].Condition?.StringEquals?.['secretsmanager:KmsKeyId'])).toContain(keyIdOfAlias(json, alias('prod', 'secrets')));
  });

  test('an environment without the account audit still has its operator, the secrets key\'s writer', () => {
    const { stack } = environmentFixture(EnvironmentProfile.TEST, { accountAudit: false });
    const json = Template.fromStack(stack).toJSON();
    const writerId = roleIdNamed(json, 'test-operator')!;
    expect(writerId).toBeDefined();
    const statements = keyPoliciesByAlias(json)[alias('test', 'secrets')];
    expect(statements.filter((s) => JSON.stringify(s.Principal).includes(writerId)).map((s) => s.Sid)).toEqual(['SecretWriterWritesSecrets']);
  });

  test('the logs key is used by CloudWatch Logs of this account and region; principals only read earlier trail files, through S3', () => {
    const statements = keyPoliciesByAlias(prod())[alias('prod', 'logs')].filter((s) => s.Effect === 'Allow' && usageActionsOf(s).length > 0);
    expect(statements.map((s) => s.Principal)).toEqual([{ Service: 'logs.us-east-1.amazonaws.com' }, expect.anything()]);
    const [, earlierTrailFiles] = statements;
    expect(isAccountRoot(earlierTrailFiles.Principal)).toBe(true);
    expect(usageActionsOf(earlierTrailFiles)).toEqual(['kms:Decrypt']);
    expect(earlierTrailFiles.Condition?.StringEquals?.['kms:ViaService']).toBe('s3.us-east-1.amazonaws.com');
    expect(earlierTrailFiles.Condition?.StringLike?.['kms:EncryptionContext:aws:cloudtrail:arn']).toBeDefined();
  });

  test('CI artifacts and audit data have keys of their own', () => {
    const json = prod();
    const auditKey = keyIdOfAlias(json, alias('prod', 'audit'));
    const storageKey = keyIdOfAlias(json, alias('prod', 'storage'));
    const [[, trail]] = resourcesOf(json, 'AWS::CloudTrail::Trail');
    expect(trail.Properties.KMSKeyId).toEqual({ 'Fn::GetAtt': [auditKey, 'Arn'] });
    const [[, channel]] = resourcesOf(json, 'AWS::Config::DeliveryChannel');
    expect(channel.Properties.S3KmsKeyArn).toEqual({ 'Fn::GetAtt': [auditKey, 'Arn'] });
    const bucket = json.Resources[channel.Properties.S3BucketName.Ref];
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.KMSMasterKeyID)
      .toEqual({ 'Fn::GetAtt': [auditKey, 'Arn'] });
    // The storage key (the services' pipeline artifacts) admits no audit service.
    const storage: Statement[] = json.Resources[storageKey].Properties.KeyPolicy.Statement;
    expect(JSON.stringify(storage.map((s) => s.Principal))).not.toMatch(/cloudtrail|config\.amazonaws/);
  });

  test('an environment without the account audit has no audit key', () => {
    const { stack } = environmentFixture(EnvironmentProfile.TEST, { accountAudit: false });
    const aliases = resourcesOf(Template.fromStack(stack).toJSON(), 'AWS::KMS::Alias').map(([, a]) => a.Properties.AliasName);
    expect(aliases.sort()).toEqual(['alerting', 'ecr', 'ecs', 'logs', 'secrets', 'storage'].map((p) => alias('test', p)));
  });
});
