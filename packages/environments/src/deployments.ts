import * as fs from 'fs';
import * as path from 'path';
import { EnvironmentProfile, EnvironmentTags, KafkaOptions } from '@fargate-platform/constructs';
import { AwsRules } from '@fargate-platform/service-model';

/** Where and with what one environment is deployed (one entry of deployments.json). */
export interface EnvironmentDeployment {
  readonly profile: EnvironmentProfile;
  /** AWS account of the environment. */
  readonly account: string;
  readonly region: string;
  /** The AWS-managed prefix list `com.amazonaws.{region}.s3` of the Region: the only addresses outside the VPC tasks reach (S3, through the gateway endpoint). */
  readonly s3PrefixListId: string;
  /** The availability zones of the environment's VPC, as many as its profile asks for. */
  readonly availabilityZones: string[];
  /** ACM certificate of the environment's HTTPS listener (issued in `region`). */
  readonly certificateArn: string;
  /** The CodeConnections (Bitbucket) connection service pipelines use in this account. */
  readonly connectionArn: string;
  /** The externally managed Kafka cluster of the environment. */
  readonly kafka: KafkaOptions;
  /** Whether this environment owns the account's CloudTrail trail and Config recorder. */
  readonly accountAudit: boolean;
  /** Environments (by name) whose VPCs are peered with this one: their networks must not overlap. */
  readonly peeredWith?: string[];
}

/** Tags of the shared infrastructure, in every environment. */
export const PLATFORM_TAGS: EnvironmentTags = {
  owner: 'platform-team',
  costCenter: 'cc-platform-1000',
  compliance: 'nist-800-53-r5 soc2',
};

/**
 * `deployments.json`: where each environment is, one AWS account each. The platform team
 * replaces the accounts, certificates, connections and Kafka values with the organization's
 * before the first deployment (docs/HANDBOOK.md, first deployment). Service projects read
 * the same file for their targets.
 */
export const DEPLOYMENTS_FILE = path.join(__dirname, '..', 'deployments.json');

/** The fields of an entry, and whether each is a string. */
const FIELDS: Array<[string, 'string' | 'object' | 'array' | 'boolean']> = [
  ['environment', 'string'], ['account', 'string'], ['region', 'string'], ['s3PrefixListId', 'string'], ['availabilityZones', 'array'],
  ['certificateArn', 'string'], ['connectionArn', 'string'], ['kafka', 'object'], ['accountAudit', 'boolean'],
];
/** Optional fields of an entry. */
const OPTIONAL: Array<[string, 'array']> = [['peeredWith', 'array']];

/**
 * The deployments of deployments.json, each with its standard profile, checked at once: every
 * problem (a missing or unknown field, an account id, a Region, zones of another Region, Kafka
 * brokers on another port than the one the security groups open or too many for one parameter)
 * is listed, naming the entry and the field. (Overlapping networks are refused by the
 * environments app, which sees custom profiles too: `EnvironmentProfile.assertIsolatedNetworks`.)
 */
export function loadDeployments(file: string = DEPLOYMENTS_FILE): EnvironmentDeployment[] {
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf-8'));
  const problems = Array.isArray(raw) ? raw.flatMap((entry, i) => entryProblems(entry, `[${i}]`)) : [`must be a list of environments; got ${typeof raw}`];
  if (problems.length > 0) {
    throw new Error(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return (raw as any[]).map((d) => ({ ...d, profile: EnvironmentProfile.of(d.environment) }));
}

function entryProblems(entry: any, at: string): string[] {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    return [`${at} must be an object; got ${JSON.stringify(entry)}`];
  }
  const problems: string[] = [];
  const name = typeof entry.environment === 'string' ? entry.environment : at;
  for (const [field, type] of FIELDS) {
    const value = entry[field];
    const actual = Array.isArray(value) ? 'array' : typeof value;
    if (actual !== type) {
      problems.push(`${name}.${field} must be ${type === 'array' ? 'a list' : `a ${type}`}; got ${JSON.stringify(value)}`);
    }
  }
  for (const [field] of OPTIONAL.filter(([f]) => entry[f] !== undefined && !Array.isArray(entry[f]))) {
    problems.push(`${name}.${field} must be a list of environment names; got ${JSON.stringify(entry[field])}`);
  }
  const known = [...FIELDS, ...OPTIONAL].map(([f]) => f);
  for (const field of Object.keys(entry).filter((f) => !known.includes(f))) {
    problems.push(`${name}.${field} is not a field of an environment; the fields are ${known.join(', ')}`);
  }
  if (problems.length > 0) {
    return problems;
  }
  try {
    EnvironmentProfile.of(entry.environment);
  } catch (e) {
    problems.push(`${name}.environment: ${(e as Error).message}`);
  }
  problems.push(...AwsRules.accountProblems(`${name}.account`, entry.account), ...AwsRules.regionProblems(`${name}.region`, entry.region));
  if (!/^pl-[0-9a-f]{8}([0-9a-f]{9})?$/.test(entry.s3PrefixListId)) {
    problems.push(`${name}.s3PrefixListId must be the id of the prefix list com.amazonaws.${entry.region}.s3 (pl- and 8 or 17 hex digits; `
      + `aws ec2 describe-managed-prefix-lists --region ${entry.region} --filters Name=prefix-list-name,Values=com.amazonaws.${entry.region}.s3); `
      + `got ${JSON.stringify(entry.s3PrefixListId)}`);
  }
  problems.push(...AwsRules.availabilityZoneProblems(`${name}.availabilityZones`, entry.region, entry.availabilityZones));
  const kafka = entry.kafka;
  if (!Array.isArray(kafka.brokers)) {
    problems.push(`${name}.kafka.brokers must be a list of host:port; got ${JSON.stringify(kafka.brokers)}`);
  } else {
    problems.push(...AwsRules.kafkaBrokerProblems(`${name}.kafka.brokers`, kafka.brokers, kafka.port ?? 9094));
  }
  return problems;
}


export const DEPLOYMENTS: EnvironmentDeployment[] = loadDeployments();

/**
 * `load-balancers.json`: how many load balancers each environment needs for the fleet's public
 * services (80 each), and which service is on which. Written by the fleet's route assignment
 * (projenrc/fleet.ts) when `npx projen` runs.
 */
export const LOAD_BALANCERS_FILE = path.join(__dirname, '..', 'load-balancers.json');

/** The fleet's assignment of public services to load balancers. */
export interface LoadBalancerAssignment {
  /** Load balancers each environment creates. */
  readonly loadBalancers: number;
  /** The load balancer (index from 0) of each public service. */
  readonly services: { [service: string]: number };
}

/** The assignment of load-balancers.json; one load balancer and no services when the file is absent. */
export function loadLoadBalancers(file: string = LOAD_BALANCERS_FILE): LoadBalancerAssignment {
  if (!fs.existsSync(file)) {
    return { loadBalancers: 1, services: {} };
  }
  const { loadBalancers, services } = JSON.parse(fs.readFileSync(file, 'utf-8'));
  return { loadBalancers, services: services ?? {} };
}
