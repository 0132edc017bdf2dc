/**
 * The names of a service's resources in one environment. They are deterministic because
 * stacks deployed at different times refer to each other by name: the runtime stack reads
 * the image-tag parameter and the repository the delivery stack created, and the
 * repository policy names roles that do not exist yet.
 */

/** Prefix of every parameter a service owns: `/fargate-platform/{env}/services/{service}`. */
export function serviceParameterPrefix(environment: string, service: string): string {
  return `/fargate-platform/${environment}/services/${service}`;
}

/** The SSM parameter a configuration variable is injected from. */
export function configParameterName(environment: string, service: string, variable: string): string {
  return `${serviceParameterPrefix(environment, service)}/config/${variable}`;
}

/**
 * The log group of a service's containers: `/ecs/{environment}/{service}`. The design's
 * `/ecs/{service}` cannot hold when several environments share an account (log group names
 * are unique per account and region), so the environment sits between.
 */
export function logGroupName(environment: string, service: string): string {
  return `/ecs/${environment}/${service}`;
}

/** Task definition family and the prefix of the service's alarm and dashboard names. */
export function serviceResourcePrefix(environment: string, service: string): string {
  return `${service}-${environment}`;
}
