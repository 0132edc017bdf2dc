import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EnvironmentProfile, EnvironmentProfileProps, PipelineTrigger } from '../../src';

const STAGING: EnvironmentProfileProps = {
  name: 'staging',
  vpcCidr: '10.50.0.0/16',
  natGateways: 1,
  logRetention: RetentionDays.ONE_YEAR,
  fargateSpotPercent: 30,
  deletionProtection: false,
  terminationProtection: false,
  requireApproval: false,
  requireRecentMfa: false,
  minTasks: 1,
  branchPattern: 'staging/*',
  pipelineTrigger: PipelineTrigger.ON_PUSH,
};

/** The message refusing a branch pattern, which names the field, the value and what a branch glob may hold. */
const BRANCH_GLOB = (pattern: string) => new RegExp('^environment profile \'staging\': branchPattern must be a branch glob of letters, digits, '
  + `'\\.', '_', '-', '/', '\\*' and '\\?' without empty segments, e\\.g\\. 'release/\\*\\.\\*\\.\\*'; got '${pattern.replace(/[.*]/g, '\\$&')}'$`);

describe('EnvironmentProfile', () => {
  test.each(EnvironmentProfile.STANDARD.map((p) => [p.name, p]))('the standard %s profile passes its own validation', (_name, profile) => {
    expect(() => EnvironmentProfile.custom({ ...profile })).not.toThrow();
  });

  test('finds the standard profiles by name', () => {
    expect(EnvironmentProfile.of('qa')).toBe(EnvironmentProfile.QA);
  });

  test('rejects an unknown environment, naming the allowed ones', () => {
    expect(() => EnvironmentProfile.of('staging')).toThrow("environment must be one of: develop, test, qa, prod; got 'staging'");
  });

  test.each<[string, Partial<EnvironmentProfileProps>, RegExp]>([
    ['a name that is not a DNS label', { name: 'Staging_1' }, /name must be a DNS label of 2-16 lowercase letters, digits and hyphens; got 'Staging_1'/],
    ['a malformed CIDR', { vpcCidr: '10.50.0.0' }, /vpcCidr must be an IPv4 CIDR block such as 10.50.0.0\/16; got '10.50.0.0'/],
    ['a CIDR with host bits', { vpcCidr: '10.50.1.0/16' }, /vpcCidr must be an IPv4 CIDR block .*; got '10.50.1.0\/16'/],
    ['a CIDR too large', { vpcCidr: '10.0.0.0/8' }, /vpcCidr must be a \/16 to \/20 block \(room for 6 subnets\); got \/8/],
    ['fewer than 2 AZs', { availabilityZones: 1, natGateways: 1 }, /availabilityZones must be 2 or 3 \(high availability needs at least 2\); got 1/],
    ['more NAT gateways than AZs', { natGateways: 4 }, /natGateways must be between 1 and availabilityZones \(3\); got 4/],
    ['no NAT gateway', { natGateways: 0 }, /natGateways must be between 1 and availabilityZones \(3\); got 0/],
    ['log retention under a year', { logRetention: RetentionDays.THREE_MONTHS }, /logRetention must be at least one year \(Control Tower CT.CLOUDWATCH.PR.2\); got 90 days/],
    ['a Spot share over 100', { fargateSpotPercent: 130 }, /fargateSpotPercent must be an integer from 0 to 100; got 130/],
    ['no minimum task', { minTasks: 0 }, /minTasks must be an integer from 1 to 10; got 0/],
    ['an unknown branch rule', { branchPattern: 'release/ *' }, BRANCH_GLOB('release/ *')],
    // the branch rule is checked where the profile is made, so that every pipeline of the environment may take it as it is
    ['a branch pattern with an empty segment', { branchPattern: 'release//*' }, BRANCH_GLOB('release//*')],
    ['a branch pattern with a trailing slash', { branchPattern: 'feature/*/' }, BRANCH_GLOB('feature/*/')],
    ['a branch pattern with a parent reference', { branchPattern: 'release/..' }, BRANCH_GLOB('release/..')],
    ['a trigger that is neither manual nor on push', { pipelineTrigger: 'nightly' as PipelineTrigger },
      /^environment profile 'staging': pipelineTrigger must be one of manual, on-push; got 'nightly'$/],
  ])('rejects %s, naming the field, the value and what is allowed', (_case, change, message) => {
    expect(() => EnvironmentProfile.custom({ ...STAGING, ...change })).toThrow(message);
  });

  test('lists every problem at once', () => {
    expect(() => EnvironmentProfile.custom({ ...STAGING, natGateways: 9, minTasks: 20 })).toThrow(/2 problems:/);
  });

  test('holds a production profile to the production floors', () => {
    expect(() => EnvironmentProfile.custom({ ...STAGING, name: 'live', production: true })).toThrow(new RegExp([
      'a production profile needs fargateSpotPercent 0',
      'one NAT gateway per availability zone',
      'deletionProtection',
      'terminationProtection',
      'requireApproval',
      'requireRecentMfa',
      'minTasks of at least 2',
      'logRetention of at least two years',
    ].join('[\\s\\S]*')));
  });

  test('refuses a production network that overlaps a non-production one', () => {
    const live = EnvironmentProfile.custom({ ...EnvironmentProfile.PROD, name: 'live', vpcCidr: '10.20.128.0/17' });
    const placed = (profiles: EnvironmentProfile[]) => profiles.map((profile) => ({ profile }));

    expect(() => EnvironmentProfile.assertIsolatedNetworks(placed([...EnvironmentProfile.STANDARD, live])))
      .toThrow("vpcCidr of 'test' (10.20.0.0/16) overlaps 'live' (10.20.128.0/17): production environment 'live' needs an address range of its own");
    expect(() => EnvironmentProfile.assertIsolatedNetworks(placed(EnvironmentProfile.STANDARD))).not.toThrow();
  });

  test('refuses non-production networks that overlap in one account or peered, and lets them overlap apart', () => {
    const staging = EnvironmentProfile.custom({ ...STAGING, vpcCidr: '10.20.0.0/16' });

    expect(() => EnvironmentProfile.assertIsolatedNetworks([{ profile: EnvironmentProfile.TEST }, { profile: staging }])).not.toThrow();
    expect(() => EnvironmentProfile.assertIsolatedNetworks([
      { profile: EnvironmentProfile.TEST, account: '111111111111' }, { profile: staging, account: '222222222222' },
    ])).not.toThrow();
    expect(() => EnvironmentProfile.assertIsolatedNetworks([
      { profile: EnvironmentProfile.TEST, account: '111111111111' }, { profile: staging, account: '111111111111' },
    ])).toThrow("vpcCidr of 'test' (10.20.0.0/16) overlaps 'staging' (10.20.0.0/16): they share account 111111111111");
    expect(() => EnvironmentProfile.assertIsolatedNetworks([{ profile: EnvironmentProfile.TEST }, { profile: staging, peeredWith: ['test'] }]))
      .toThrow("vpcCidr of 'test' (10.20.0.0/16) overlaps 'staging' (10.20.0.0/16): they are peered");
  });
});
