import * as fs from 'fs';
import * as path from 'path';
import { EnvironmentProfile, EnvironmentTags, KafkaOptions } from '@fargate-platform/constructs';

/** Where and with what one environment is deployed (one entry of deployments.json). */
export interface EnvironmentDeployment {
  readonly profile: EnvironmentProfile;
  /** AWS account of the environment. */
  readonly account: string;
  readonly region: string;
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

/** The deployments of deployments.json, each with its standard profile. */
export function loadDeployments(file: string = DEPLOYMENTS_FILE): EnvironmentDeployment[] {
  return JSON.parse(fs.readFileSync(file, 'utf-8')).map((d: any) => ({ ...d, profile: EnvironmentProfile.of(d.environment) }));
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
