import { ServiceNames } from '../names';
import { SecretReference } from '../rules/aws-rules';
import { RuntimeDefaults } from '../runtime-defaults';
import { ServiceExposure } from '../service-exposure';
import { ServiceRuntime } from '../service-runtime';

/** One environment a service is deployed to. */
export interface ServiceTarget {
  /** The environment's name: develop, test, qa, prod or a custom profile's. */
  readonly environment: string;
  /** The environment's AWS account. */
  readonly account: string;
  /** The environment's AWS Region. */
  readonly region: string;
  /** The CodeConnections (Bitbucket) connection the pipeline pulls from, in that account and Region. */
  readonly connectionArn: string;
  /** How many load balancers the environment has. */
  readonly loadBalancers: number;
}

/** Where a public service sits on its environment's HTTPS listener. */
export interface ServiceRoute {
  /** Path pattern of the listener rule, e.g. `/orders/*`. */
  readonly pathPattern: string;
  /** Listener rule priority, 1-50000, unique on its load balancer's listener. */
  readonly priority: number;
  /**
   * Host header the rule also requires.
   * @default - any host
   */
  readonly hostHeader?: string;
  /** Which of the environment's load balancers the rule sits on, from 0. */
  readonly loadBalancer: number;
}

/** A secret a service's container receives, by variable name. */
export interface ServiceSecret {
  /** The environment variable. */
  readonly variable: string;
  /** The reference as written (ARN, optionally with `:json-key:version-stage:version-id`). */
  readonly valueFrom: string;
  /** The reference taken apart. */
  readonly reference: SecretReference;
  /** Whether it is one of the environment's shared secrets (`{environment}/shared/...`) rather than the service's own. */
  readonly shared: boolean;
}

/** What a `ServiceSpec` is made of (the parser's output; not for hand-written specs). */
interface ServiceSpecFields {
  readonly target: ServiceTarget;
  readonly name: string;
  readonly exposure: ServiceExposure;
  readonly runtime: ServiceRuntime;
  readonly containerPort: number;
  readonly cpu: number;
  readonly memoryLimitMiB: number;
  readonly desiredCount: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly healthCheckPath: string;
  readonly route?: ServiceRoute;
  readonly calls: string[];
  readonly config: { [variable: string]: string };
  readonly secrets: ServiceSecret[];
  readonly owner: string;
  readonly costCenter: string;
  readonly sourceRepository: string;
  readonly compliance: string;
  readonly platformVersion: string;
}

/**
 * A service in one environment, resolved and validated: every default applied, the
 * environment's own settings merged in, every value checked against the rules AWS will apply.
 * It comes only from `ServiceDefinition.parse` (or `fromFile`): constructs take it and do not
 * check it again.
 */
export class ServiceSpec {
  /** @internal */
  public static _create(fields: ServiceSpecFields): ServiceSpec {
    return new ServiceSpec(fields);
  }

  /** The environment this spec is for. */
  public readonly target: ServiceTarget;
  /** The environment's name. */
  public readonly environment: string;
  /** The service's name. */
  public readonly name: string;
  public readonly exposure: ServiceExposure;
  public readonly runtime: ServiceRuntime;
  /** The port the container listens on. */
  public readonly containerPort: number;
  /** Fargate CPU units. */
  public readonly cpu: number;
  /** Memory in MiB, a Fargate size with `cpu`. */
  public readonly memoryLimitMiB: number;
  /** Tasks to run (the environment's profile may raise it to its minimum). */
  public readonly desiredCount: number;
  /** Autoscaling lower bound. */
  public readonly minCapacity: number;
  /** Autoscaling upper bound. */
  public readonly maxCapacity: number;
  /** The HTTP path the load balancer and the container health check probe. */
  public readonly healthCheckPath: string;
  /**
   * The listener rule of a public service.
   * @default - none: an internal service
   */
  public readonly route?: ServiceRoute;
  /** The internal services this one calls, by name: its tasks may reach theirs, and only callers are admitted by an internal service. */
  public readonly calls: string[];
  /** Plain configuration (each entry an SSM parameter injected through the container's secrets). */
  public readonly config: { [variable: string]: string };
  /** Secrets: the service's own and the shared ones it declares. */
  public readonly secrets: ServiceSecret[];
  /** The Owner tag. */
  public readonly owner: string;
  /** The CostCenter tag. */
  public readonly costCenter: string;
  /** The Compliance tag. */
  public readonly compliance: string;
  /** The platform version the service is built with. */
  public readonly platformVersion: string;
  /** The Bitbucket repository, `workspace/repository`. */
  public readonly sourceRepository: string;
  /** Every name derived from the service and the environment. */
  public readonly names: ServiceNames;
  /** What the platform assumes about the runtime's container. */
  public readonly runtimeDefaults: RuntimeDefaults;

  private constructor(fields: ServiceSpecFields) {
    this.target = fields.target;
    this.environment = fields.target.environment;
    this.name = fields.name;
    this.exposure = fields.exposure;
    this.runtime = fields.runtime;
    this.containerPort = fields.containerPort;
    this.cpu = fields.cpu;
    this.memoryLimitMiB = fields.memoryLimitMiB;
    this.desiredCount = fields.desiredCount;
    this.minCapacity = fields.minCapacity;
    this.maxCapacity = fields.maxCapacity;
    this.healthCheckPath = fields.healthCheckPath;
    this.route = fields.route;
    this.calls = fields.calls;
    this.config = fields.config;
    this.secrets = fields.secrets;
    this.owner = fields.owner;
    this.costCenter = fields.costCenter;
    this.compliance = fields.compliance;
    this.platformVersion = fields.platformVersion;
    this.sourceRepository = fields.sourceRepository;
    this.names = ServiceNames.of(fields.name, fields.target.environment);
    this.runtimeDefaults = RuntimeDefaults.of(fields.runtime);
  }

  /** Whether the service is behind the load balancer. */
  public get isPublic(): boolean {
    return this.exposure === ServiceExposure.PUBLIC;
  }
}
