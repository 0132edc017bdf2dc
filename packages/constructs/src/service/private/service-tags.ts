import { Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Tag a service's resources with the service's name. Owner and CostCenter are the stacks'
 * (`MandatoryTags.apply` with the service's owner and cost center), with the Environment and
 * Compliance tags.
 */
export function tagService(scope: IConstruct, serviceName: string): void {
  Tags.of(scope).add('Service', serviceName);
}
