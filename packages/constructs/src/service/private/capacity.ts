import { ServiceSpec } from '@fargate-platform/service-model';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { EnvironmentProfile } from '../../environment/environment-profile';

/** How many tasks a service runs in an environment. */
export interface ServiceCapacity {
  readonly desiredCount: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
}

/**
 * The spec's counts with the profile's floor applied: the desired count and the scaling
 * minimum are raised to `minTasks`, the maximum to at least the minimum.
 */
export function serviceCapacity(spec: ServiceSpec, profile: EnvironmentProfile): ServiceCapacity {
  const minCapacity = Math.max(spec.minCapacity, profile.minTasks);
  const desiredCount = Math.max(spec.desiredCount, minCapacity);
  const maxCapacity = Math.max(spec.maxCapacity, desiredCount);
  return { desiredCount, minCapacity, maxCapacity };
}

/**
 * FARGATE always carries the first task (base 1); beyond it, tasks split between FARGATE and
 * FARGATE_SPOT by the profile's Spot share. No Spot provider at all when the share is 0.
 */
export function capacityProviderStrategies(fargateSpotPercent: number): ecs.CapacityProviderStrategy[] {
  if (fargateSpotPercent <= 0) {
    return [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }];
  }
  if (fargateSpotPercent >= 100) {
    return [{ capacityProvider: 'FARGATE', base: 1, weight: 0 }, { capacityProvider: 'FARGATE_SPOT', weight: 1 }];
  }
  const divisor = gcd(100 - fargateSpotPercent, fargateSpotPercent);
  return [
    { capacityProvider: 'FARGATE', base: 1, weight: (100 - fargateSpotPercent) / divisor },
    { capacityProvider: 'FARGATE_SPOT', weight: fargateSpotPercent / divisor },
  ];
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
