import { EnvironmentProfile, EnvironmentTags, KafkaOptions } from '@fargate-platform/constructs';

/** Where and with what one environment is deployed. */
export interface EnvironmentDeployment {
  readonly profile: EnvironmentProfile;
  /** AWS account of the environment. */
  readonly account: string;
  readonly region: string;
  /** The availability zones of the environment's VPC, as many as its profile asks for. */
  readonly availabilityZones: string[];
  /** ACM certificate of the environment's HTTPS listener (issued in `region`). */
  readonly certificateArn: string;
  /** The externally managed Kafka cluster of the environment. */
  readonly kafka: KafkaOptions;
  /** Whether this environment owns the account's CloudTrail trail and Config recorder. */
  readonly accountAudit: boolean;
}

/** Tags of the shared infrastructure, in every environment. */
export const PLATFORM_TAGS: EnvironmentTags = {
  owner: 'platform-team',
  costCenter: 'cc-platform-1000',
  compliance: 'nist-800-53-r5,soc2',
};

/**
 * The four environments, one AWS account each. Replace the accounts, certificates and Kafka
 * values with your organization's before the first deployment (docs/HANDBOOK.md, first
 * deployment); everything else comes from each environment's profile.
 */
export const DEPLOYMENTS: EnvironmentDeployment[] = [
  deployment(EnvironmentProfile.DEVELOP, '111111111111', 'a1b2c3d4-0000-4000-8000-000000000001'),
  deployment(EnvironmentProfile.TEST, '222222222222', 'a1b2c3d4-0000-4000-8000-000000000002'),
  deployment(EnvironmentProfile.QA, '333333333333', 'a1b2c3d4-0000-4000-8000-000000000003'),
  deployment(EnvironmentProfile.PROD, '444444444444', 'a1b2c3d4-0000-4000-8000-000000000004'),
];

function deployment(profile: EnvironmentProfile, account: string, certificateId: string): EnvironmentDeployment {
  const region = 'us-east-1';
  return {
    profile,
    account,
    region,
    availabilityZones: ['a', 'b', 'c'].slice(0, profile.availabilityZones).map((zone) => `${region}${zone}`),
    certificateArn: `arn:aws:acm:${region}:${account}:certificate/${certificateId}`,
    kafka: {
      brokers: [1, 2, 3].map((n) => `b-${n}.kafka.${profile.name}.internal:9094`),
      securityGroupId: `sg-0${account.slice(0, 7)}${'0'.repeat(9)}`,
    },
    accountAudit: true,
  };
}
