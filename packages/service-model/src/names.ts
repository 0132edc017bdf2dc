/**
 * Every name the platform derives from a service and an environment, built here and nowhere
 * else. They are deterministic because stacks deployed at different times refer to each other
 * by name: the runtime stack reads the image-tag parameter and the repository the delivery stack
 * created, and the repository policy names roles that do not exist yet.
 *
 * @example
 * const names = ServiceNames.of('orders', 'prod');
 * names.runtimeStackName; // 'orders-prod-runtime'
 */
export class ServiceNames {
  /** Prefix of every parameter of the platform, `/fargate-platform`. */
  public static readonly PARAMETER_PREFIX = '/fargate-platform';

  /**
   * The names of a service in an environment.
   *
   * @param service the service's name (a DNS label, see `ServiceDefinition`)
   * @param environment the environment's name
   */
  public static of(service: string, environment: string): ServiceNames {
    return new ServiceNames(service, environment);
  }

  /**
   * The name of an environment's own stack, `{environment}-environment`.
   *
   * @param environment the environment's name
   */
  public static environmentStackName(environment: string): string {
    return `${environment}-environment`;
  }

  /**
   * The parameter of an entry of an environment's contract, `/fargate-platform/{environment}/{entry}`.
   *
   * @param environment the environment's name
   * @param entry the entry, e.g. `vpc-id`
   */
  public static contractParameterName(environment: string, entry: string): string {
    return `${ServiceNames.PARAMETER_PREFIX}/${environment}/${entry}`;
  }

  /** `{service}-{environment}`: the prefix of the stacks, roles, alarms, task family and pipeline. */
  public readonly prefix: string;
  /** `{service}-{environment}-runtime`: the stack of the Fargate service. */
  public readonly runtimeStackName: string;
  /** `{service}-{environment}-delivery`: the stack of the repository, image-tag parameter and pipeline. */
  public readonly deliveryStackName: string;
  /** `{environment}/{service}`: the ECR repository. */
  public readonly repositoryName: string;
  /** `/fargate-platform/{environment}/services/{service}`: the prefix of every parameter the service owns. */
  public readonly parameterPrefix: string;
  /** The parameter holding the image the service runs (the pipeline writes it after each deployment). */
  public readonly imageTagParameterName: string;
  /**
   * `/ecs/{environment}/{service}`: the log group of the service's containers (the environment in
   * the name because log group names are unique per account and Region, and environments may share one).
   */
  public readonly logGroupName: string;
  /** `{service}-{environment}-execution`: the task execution role, the only role that pulls the image. */
  public readonly executionRoleName: string;
  /** `{service}-{environment}-task`: the role of the service's code. */
  public readonly taskRoleName: string;
  /** `{service}-{environment}-build`: the role the pipeline builds and pushes images with. */
  public readonly buildRoleName: string;
  /** `{service}-{environment}`: the pipeline. */
  public readonly pipelineName: string;
  /** `{service}-{environment}-*`: every role of the service, for policies that pass or trust them. */
  public readonly rolePattern: string;
  /**
   * The parameter holding the id of the service's callers group (an internal service's): the
   * security group its callers' tasks carry, which alone the service's tasks admit.
   */
  public readonly callersSecurityGroupParameterName: string;
  /** The prefix of the secrets the service owns in Secrets Manager, `{environment}/{service}/`. */
  public readonly secretPrefix: string;
  /** The prefix of the secrets every service of the environment may declare it shares, `{environment}/shared/`. */
  public readonly sharedSecretPrefix: string;
  /** The service's name. */
  public readonly service: string;
  /** The environment's name. */
  public readonly environment: string;

  private constructor(service: string, environment: string) {
    this.service = service;
    this.environment = environment;
    this.prefix = `${service}-${environment}`;
    this.runtimeStackName = `${this.prefix}-runtime`;
    this.deliveryStackName = `${this.prefix}-delivery`;
    this.repositoryName = `${environment}/${service}`;
    this.parameterPrefix = `${ServiceNames.PARAMETER_PREFIX}/${environment}/services/${service}`;
    this.imageTagParameterName = `${this.parameterPrefix}/image-tag`;
    this.callersSecurityGroupParameterName = `${this.parameterPrefix}/callers-security-group-id`;
    this.logGroupName = `/ecs/${environment}/${service}`;
    this.executionRoleName = `${this.prefix}-execution`;
    this.taskRoleName = `${this.prefix}-task`;
    this.buildRoleName = `${this.prefix}-build`;
    this.pipelineName = this.prefix;
    this.rolePattern = `${this.prefix}-*`;
    this.secretPrefix = `${environment}/${service}/`;
    this.sharedSecretPrefix = `${environment}/shared/`;
  }

  /**
   * The parameter a configuration variable reaches the container from.
   *
   * @param variable the variable's name, e.g. `LOG_LEVEL`
   */
  public configParameterName(variable: string): string {
    return `${this.parameterPrefix}/config/${variable}`;
  }

  /**
   * The name of one of the service's alarms, rules or dashboards, `{service}-{environment}-{suffix}`.
   *
   * @param suffix what it is, e.g. `task-failures`
   */
  public resourceName(suffix: string): string {
    return `${this.prefix}-${suffix}`;
  }
}
