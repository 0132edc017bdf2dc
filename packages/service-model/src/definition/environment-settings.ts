/**
 * What a service may set differently in one environment (`spec.environments.{name}` of
 * service.json): its size, its task counts, its configuration and its secrets. Maps are merged
 * with the service's own by name; a secret must be in that environment's account and Region.
 */
export interface ServiceEnvironmentSettings {
  /**
   * Fargate CPU units in this environment.
   * @default - the service's
   */
  readonly cpu?: number;
  /**
   * Memory in MiB in this environment (a Fargate size with the CPU).
   * @default - the service's
   */
  readonly memoryLimitMiB?: number;
  /**
   * Tasks to run in this environment.
   * @default - the service's
   */
  readonly desiredCount?: number;
  /**
   * Autoscaling lower bound in this environment.
   * @default - the service's
   */
  readonly minCapacity?: number;
  /**
   * Autoscaling upper bound in this environment.
   * @default - the service's
   */
  readonly maxCapacity?: number;
  /**
   * Configuration of this environment, over the service's.
   * @default - the service's
   */
  readonly config?: { [variable: string]: string };
  /**
   * The service's own secrets in this environment (`{environment}/{service}/...` in its account and Region).
   * @default - the service's
   */
  readonly secrets?: { [variable: string]: string };
  /**
   * Shared secrets of this environment the service uses (`{environment}/shared/...`).
   * @default - the service's
   */
  readonly sharedSecrets?: { [variable: string]: string };
}
