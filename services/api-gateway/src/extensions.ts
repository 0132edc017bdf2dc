import { ServiceDeployment } from '@fargate-platform/constructs';

/**
 * Add constructs of your own to the service's stacks (one deployment per environment):
 * deployment.runtimeStack, deployment.service.taskRole, deployment.pipeline, ...
 */
export function extend(_deployments: ServiceDeployment[]): void {
}
