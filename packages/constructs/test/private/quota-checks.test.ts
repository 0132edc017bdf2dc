import { App, CfnOutput, CfnParameter, CfnResource, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ComplianceGate, CompliancePack } from '../../src';
import { PlatformError } from '../../src/errors';
import { addStackQuotaChecks } from '../../src/private/quota-checks';
import { QUOTA_HEADROOM_CONTEXT } from '../../src/private/quotas';

// Generators of oversized inputs: each builds just enough of one thing to cross one quota.
const ENV = { account: '111111111111', region: 'us-east-1' };
// Without version reporting: no CDKMetadata resource, so the counts are the test's alone.
const stackWithChecks = (context: Record<string, unknown> = {}): Stack => {
  const stack = new Stack(new App({ context, analyticsReporting: false }), 'Quotas', { env: ENV });
  addStackQuotaChecks(stack);
  return stack;
};
const handles = (stack: Stack, count: number) => Array.from({ length: count }, (_, i) => new CfnWaitConditionHandle(stack, `Handle${i}`));
/** A statement of about 100 characters: one action on one distinct bucket. */
const statement = (i: number) => new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [`arn:aws:s3:::bucket-number-${i}-of-a-long-list/*`] });
const document = (from: number, count: number) =>
  new iam.PolicyDocument({ statements: Array.from({ length: count }, (_, i) => statement(from + i)) });
const synth = (stack: Stack) => () => (stack.node.root as App).synth();

describe('quota checks of a stack', () => {
  test('resources: 500 pass, 501 fail, naming the stack, the count and the quota', () => {
    const ok = stackWithChecks();
    handles(ok, 500);
    expect(synth(ok)).not.toThrow();

    const over = stackWithChecks();
    handles(over, 501);
    expect(synth(over)).toThrow(/\[Quotas\] stack 'Quotas' has 501 resources; a CloudFormation stack allows 500/);
  });

  test('the headroom context fails at its share of the quota, and says so', () => {
    const stack = stackWithChecks({ [QUOTA_HEADROOM_CONTEXT]: 0.8 });
    handles(stack, 401);

    expect(synth(stack)).toThrow(/stack 'Quotas' has 401 resources; beyond 80 % of the 500 a CloudFormation stack allows \(at most 400, to leave room to grow\)/);
  });

  test('a headroom that is not a share is refused', () => {
    const stack = stackWithChecks({ [QUOTA_HEADROOM_CONTEXT]: 1.5 });
    expect(synth(stack)).toThrow(/context @fargate-platform\/constructs:quotaHeadroom must be a number in \(0, 1\].*got '1.5'/);
  });

  test('outputs: 201 fail', () => {
    const stack = stackWithChecks();
    Array.from({ length: 201 }, (_, i) => new CfnOutput(stack, `Output${i}`, { value: `${i}` }));
    expect(synth(stack)).toThrow(/stack 'Quotas' has 201 outputs; a CloudFormation stack allows 200/);
  });

  test('parameters: 201 fail', () => {
    const stack = stackWithChecks();
    Array.from({ length: 201 }, (_, i) => new CfnParameter(stack, `Parameter${i}`, { default: `${i}` }));
    expect(synth(stack)).toThrow(/stack 'Quotas' has 201 parameters; a CloudFormation stack allows 200/);
  });

  test('a role\'s inline policies count together: each under 10,240 characters, both over', () => {
    const stack = stackWithChecks();
    const role = new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      inlinePolicies: { First: document(0, 60) },
    });
    new iam.Policy(stack, 'Second', { roles: [role], document: document(1000, 60) });

    expect(synth(stack)).toThrow(/IAM role Quotas\/Role\/Resource has 1\d{4} characters of inline policy; an IAM role \(all inline policies together\) allows 10240/);
  });

  test('a role\'s inline policies under the quota pass', () => {
    const stack = stackWithChecks();
    new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'), inlinePolicies: { First: document(0, 60) } });
    expect(synth(stack)).not.toThrow();
  });

  test('a managed policy over 6,144 characters fails', () => {
    const stack = stackWithChecks();
    new iam.ManagedPolicy(stack, 'Managed', { document: document(0, 70) });
    expect(synth(stack)).toThrow(/managed policy Quotas\/Managed\/Resource has \d+ characters; an IAM managed policy allows 6144/);
  });

  test('a key policy over 32 KB fails', () => {
    const stack = stackWithChecks();
    const key = new kms.Key(stack, 'Key');
    for (let i = 0; i < 250; i++) {
      key.addToResourcePolicy(new iam.PolicyStatement({
        actions: ['kms:Decrypt'], resources: ['*'], principals: [new iam.ArnPrincipal(`arn:aws:iam::111111111111:role/reader-number-${i}-of-a-long-list`)],
      }));
    }
    expect(synth(stack)).toThrow(/KMS key Quotas\/Key\/Resource has \d+ bytes of key policy; a KMS key allows 32768/);
  });

  test('a security group with 61 inbound rules fails; rules added as separate resources count too', () => {
    const stack = stackWithChecks();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PUBLIC }] });
    const peer = new ec2.SecurityGroup(stack, 'Peer', { vpc });
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc, allowAllOutbound: false });
    for (let port = 2000; port < 2060; port++) {
      group.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(port)); // inline
    }
    group.addIngressRule(peer, ec2.Port.tcp(3000)); // a separate AWS::EC2::SecurityGroupIngress

    expect(synth(stack)).toThrow(/security group Quotas\/Group\/Resource has 61 inbound rules; a security group allows 60/);
  });

  test('a security group with 61 outbound rules fails', () => {
    const stack = stackWithChecks();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PUBLIC }] });
    const group = new ec2.SecurityGroup(stack, 'Group', { vpc, allowAllOutbound: false });
    for (let port = 2000; port < 2061; port++) {
      group.addEgressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(port));
    }
    expect(synth(stack)).toThrow(/security group Quotas\/Group\/Resource has 61 outbound rules; a security group allows 60/);
  });
});

describe('the compliance gate checks quotas', () => {
  test('it adds the stack checks to every stack it synthesizes', () => {
    const stack = new Stack(new App(), 'Big', { env: ENV });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'), inlinePolicies: { First: document(0, 60) } });
    new iam.Policy(stack, 'Second', { roles: [role], document: document(1000, 60) });
    expect(() => ComplianceGate.check(stack.node.root as App, { packs: [CompliancePack.PLATFORM] }))
      .toThrow(/IAM role Big\/Role\/Resource has 1\d{4} characters of inline policy/);
  });

  test('it counts the template as deployed: 200 parameters and the synthesizer\'s BootstrapVersion are 201', () => {
    const app = new App();
    const stack = new Stack(app, 'Parameters', { env: ENV });
    Array.from({ length: 200 }, (_, i) => new CfnParameter(stack, `Parameter${i}`, { default: `${i}` }));
    expect(() => ComplianceGate.check(app, { packs: [CompliancePack.PLATFORM] }))
      .toThrow(/the template of stack 'Parameters' has 201 parameters; a CloudFormation stack allows 200/);
  });

  test('a template over 1 MB fails with a PlatformError naming the stack, the bytes and the quota', () => {
    const app = new App();
    const stack = new Stack(app, 'Huge', { env: ENV });
    new CfnResource(stack, 'Blob', { type: 'AWS::SSM::Parameter', properties: { Type: 'String', Value: 'x'.repeat(1_000_100) } });

    let error: unknown;
    try {
      ComplianceGate.check(app, { packs: [CompliancePack.PLATFORM] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as Error).message).toMatch(/the template of stack 'Huge' has 10\d{5} template bytes; a CloudFormation template in S3 allows 1000000/);
  });
});
