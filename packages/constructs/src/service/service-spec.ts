/** Whether a service is reached through the load balancer or only from inside the environment. */
export enum ServiceKind {
  /** Behind the environment's HTTPS load balancer, on a path (and optionally host) rule. */
  PUBLIC = 'public',
  /** Reached through Cloud Map (`{service}.{environment}.internal`) and Kafka; no load balancer. */
  INTERNAL = 'internal',
}

/** The language runtime of a service's container; it selects base image, health command and test command. */
export enum ServiceRuntime {
  NODEJS = 'nodejs',
  PYTHON = 'python',
}

/** Where a public service sits on the environment's HTTPS listener. Assigned fleet-wide, never per service. */
export interface ServiceRoute {
  /** Path pattern of the listener rule, e.g. `/orders/*`. */
  readonly pathPattern: string;
  /** Listener rule priority, 1-50000, unique across the rules of its load balancer's listener. */
  readonly priority: number;
  /**
   * Host header the rule also requires, e.g. `api.example.com`.
   * @default - any host
   */
  readonly hostHeader?: string;
  /**
   * Which of the environment's load balancers the rule sits on, 0 for the first. An Application
   * Load Balancer holds 100 rules and 100 target groups, so the fleet assigns each public
   * service its load balancer together with its priority (at most 80 services each), and the
   * environment creates as many as the fleet needs (`PlatformEnvironmentProps.loadBalancers`).
   * @default 0
   */
  readonly loadBalancer?: number;
}

/**
 * What a service team says about its service. Everything else (ECR, task definition,
 * roles, scaling, routing, alarms, pipeline, compliance) follows from it and from the
 * environment's profile.
 */
export interface ServiceSpec {
  /** Service name: a DNS label of 3-32 lowercase letters, digits and hyphens. */
  readonly name: string;
  readonly kind: ServiceKind;
  readonly runtime: ServiceRuntime;
  /** The port the container listens on, 1024-65535. */
  readonly containerPort: number;
  /** Fargate CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384. */
  readonly cpu: number;
  /** Memory in MiB; must be a valid Fargate pair with `cpu`. */
  readonly memoryLimitMiB: number;
  /** Tasks to run, 1-10; raised to the environment's `minTasks`. */
  readonly desiredCount: number;
  /**
   * Autoscaling lower bound; raised to the environment's `minTasks`.
   * @default - the desired count
   */
  readonly minCapacity?: number;
  /**
   * Autoscaling upper bound, at least `minCapacity`.
   * @default - twice the desired count
   */
  readonly maxCapacity?: number;
  /**
   * HTTP path the load balancer and the container health check probe.
   * @default '/health'
   */
  readonly healthCheckPath?: string;
  /** Listener path/priority of a public service (required for public services, refused for internal ones). */
  readonly route?: ServiceRoute;
  /**
   * Secrets Manager secrets injected as environment variables: variable name to secret ARN
   * (optionally with `:json-key:version-stage:version-id`).
   * @default - none
   */
  readonly secrets?: { [variable: string]: string };
  /**
   * Plain configuration. It never reaches the container as a plain environment variable:
   * each entry becomes an SSM parameter injected through the container's `secrets`.
   * @default - none
   */
  readonly config?: { [variable: string]: string };
  /** The team that owns the service (the `Owner` tag). */
  readonly owner: string;
  /** Cost center billed for the service (the `CostCenter` tag). */
  readonly costCenter: string;
  /** Bitbucket repository of the service's code, `workspace/repository`. */
  readonly sourceRepository: string;
}
