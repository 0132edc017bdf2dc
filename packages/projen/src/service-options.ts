import { ServiceEnvironmentSettings, ServiceExposure } from '@fargate-platform/service-model';

/**
 * What a service team says about its service: the options both project types share. They are
 * parsed by the platform's service model when `npx projen` runs (every problem listed, naming the
 * option), and written to service.json, which the CDK app reads.
 */
export interface FargateServiceOptions {
  /** The service's name: a DNS label of 3-32 lowercase letters, digits and single hyphens (also the project's name). */
  readonly name: string;
  /** The team that owns the service (the `Owner` tag). */
  readonly owner: string;
  /** The cost center billed for the service (the `CostCenter` tag). */
  readonly costCenter: string;
  /** The Bitbucket repository of the service's code, `workspace/repository`. */
  readonly sourceRepository: string;
  /**
   * Public (behind the environment's HTTPS load balancer) or internal (Cloud Map and Kafka only).
   * @default ServiceExposure.INTERNAL
   */
  readonly exposure?: ServiceExposure;
  /**
   * The port the container listens on.
   * @default 3000 for Node.js, 8000 for Python
   */
  readonly containerPort?: number;
  /**
   * Fargate CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384.
   * @default 256
   */
  readonly cpu?: number;
  /**
   * Memory in MiB, a Fargate size with `cpu` (256: 512, 1024 or 2048).
   * @default 512
   */
  readonly memoryLimitMiB?: number;
  /**
   * Tasks to run, 1-10 (raised to each environment's minimum).
   * @default 1
   */
  readonly desiredCount?: number;
  /**
   * Autoscaling lower bound.
   * @default - the desired count
   */
  readonly minCapacity?: number;
  /**
   * Autoscaling upper bound.
   * @default - twice the desired count
   */
  readonly maxCapacity?: number;
  /**
   * Health check path.
   * @default '/health'
   */
  readonly healthCheckPath?: string;
  /**
   * The internal services of the fleet this service calls, by name (at most 4): its tasks may
   * reach theirs on their container port. An internal service admits no other service, and tasks
   * reach nothing but the VPC's AWS endpoints, S3 and the Kafka brokers. On the command
   * line of `projen new`: `--calls ledger rates` or `--calls ledger,rates`.
   * @default - none
   */
  readonly calls?: string[];
  /**
   * Listener path pattern of a public service, e.g. `/orders/*`.
   * @default - none (required for public services)
   */
  readonly routePath?: string;
  /**
   * Host header the listener rule also requires, e.g. `api.example.com`.
   * @default - any host
   */
  readonly routeHostHeader?: string;
  /**
   * Listener rule priority of a public service. In the monorepo the fleet's route plan assigns it. In
   * a service's own repository it is checked against the fleet's published rules (a rule that would
   * shadow a fleet service, or be shadowed by one, is refused at `npx projen`).
   * @default - in a service's own repository, a place before every fleet rule, more specific paths first (RoutePlanner.standalonePriority)
   */
  readonly routePriority?: number;
  /**
   * Which of the environment's load balancers the rule sits on, from 0 (assigned with the priority).
   * @default 0
   */
  readonly routeLoadBalancer?: number;
  /**
   * How many load balancers each environment has (the platform's route plan says).
   * @default 1
   */
  readonly loadBalancers?: number;
  /**
   * The service's own Secrets Manager secrets, injected as environment variables: variable name to
   * secret ARN (named `{environment}/{service}/...`, in the environment's account and Region). Secrets
   * differ per environment: give each environment its own under `environments`.
   * @default - none
   */
  readonly secrets?: { [variable: string]: string };
  /**
   * Shared secrets of the environment (named `{environment}/shared/...`) the service uses.
   * @default - none
   */
  readonly sharedSecrets?: { [variable: string]: string };
  /**
   * Plain configuration, delivered to the container as SSM parameters (never plain environment variables).
   * @default - none
   */
  readonly config?: { [variable: string]: string };
  /**
   * What differs per environment (size, task counts, configuration, secrets), by environment name.
   * @default - the same everywhere
   */
  readonly environments?: { [environment: string]: ServiceEnvironmentSettings };
  /**
   * The JSON file that says where each environment is: `[{ environment, account, region, connectionArn }]`.
   * The platform team publishes it; a new project gets a sample to fill in.
   * @default 'deployments.json'
   */
  readonly deploymentsFile?: string;
  /**
   * The platform (construct library) version the service is built with.
   * @default - the version of @fargate-platform/projen that generated the project
   */
  readonly platformVersion?: string;
}
