import { Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ServiceSpec } from '../service-spec';

/**
 * Tag a service's resources with the service, its owner and its cost center. They override
 * the stack's Owner and CostCenter (the deeper tag wins); the stack still carries the
 * Environment and Compliance tags (`MandatoryTags.apply`).
 */
export function tagService(scope: IConstruct, spec: ServiceSpec): void {
  Tags.of(scope).add('Service', spec.name);
  if (spec.owner?.trim()) {
    Tags.of(scope).add('Owner', spec.owner.trim());
  }
  if (spec.costCenter?.trim()) {
    Tags.of(scope).add('CostCenter', spec.costCenter.trim());
  }
}
