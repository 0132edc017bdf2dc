import { ServiceKind, ServiceRoutes, ServiceSpec } from '@fargate-platform/constructs';

/**
 * Listener rules the public services of one listener would clash on (same path, same
 * priority): each as a sentence naming the services. All services share each environment's
 * listener, so one check covers every environment.
 */
export function routeProblems(specs: ServiceSpec[]): string[] {
  return ServiceRoutes.clashes(specs.filter((s) => s.kind === ServiceKind.PUBLIC));
}
