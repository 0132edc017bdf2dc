/** Whether the service is behind the load balancer or only reachable inside its environment. */
export enum ServiceExposure {
  /** Behind the environment's HTTPS load balancer on `routePath`. */
  PUBLIC = 'public',
  /** Reached through Cloud Map and Kafka only. */
  INTERNAL = 'internal',
}

/** What a service team says about its service: the options both project types share. */
export interface FargateServiceOptions {
  /** The service's name: a DNS label of 3-32 characters (also the project's name). */
  readonly name: string;
  /** The team that owns the service (the `Owner` tag). */
  readonly owner: string;
  /** The cost center billed for the service (the `CostCenter` tag). */
  readonly costCenter: string;
  /** The Bitbucket repository of the service's code, `workspace/repository`. */
  readonly sourceRepository: string;
  /**
   * Public (load balancer) or internal.
   * @default ServiceExposure.INTERNAL
   */
  readonly exposure?: ServiceExposure;
  /**
   * The port the container listens on.
   * @default 3000 for Node.js, 8000 for Python
   */
  readonly containerPort?: number;
  /**
   * Fargate CPU units.
   * @default 256
   */
  readonly cpu?: number;
  /**
   * Memory in MiB (a valid Fargate pair with `cpu`).
   * @default 512
   */
  readonly memoryLimitMiB?: number;
  /**
   * Tasks to run (raised to each environment's minimum).
   * @default 1
   */
  readonly desiredCount?: number;
  /**
   * Autoscaling bounds.
   * @default - the desired count
   */
  readonly minCapacity?: number;
  /** @default - twice the desired count */
  readonly maxCapacity?: number;
  /**
   * Health check path.
   * @default '/health'
   */
  readonly healthCheckPath?: string;
  /**
   * Listener path pattern of a public service, e.g. `/orders/*`; assigned by the platform team.
   * @default - none (required for public services)
   */
  readonly routePath?: string;
  /**
   * Listener rule priority of a public service, assigned fleet-wide by the platform team.
   * @default - none (required for public services)
   */
  readonly routePriority?: number;
  /**
   * Secrets Manager secrets injected as environment variables (variable name to secret ARN).
   * @default - none
   */
  readonly secrets?: { [variable: string]: string };
  /**
   * Plain configuration, delivered to the container as SSM parameters (never plain environment variables).
   * @default - none
   */
  readonly config?: { [variable: string]: string };
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
