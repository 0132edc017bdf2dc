import { Aspects, CfnResource, IAspect, Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PlatformError } from '../errors';
import { isGenericTaggable } from '../private/generic-tags';

/** Values of the tags every resource of the platform must carry. */
export interface MandatoryTagValues {
  /** `Environment` tag, e.g. `prod`. */
  readonly environment: string;
  /** `Owner` tag: the team accountable for the resource. */
  readonly owner: string;
  /** `CostCenter` tag: where the bill goes. */
  readonly costCenter: string;
  /** `Compliance` tag: the regime the resource is operated under, e.g. `nist-800-53,soc2`. */
  readonly compliance: string;
}

/**
 * The four tags every resource carries (Environment, Owner, CostCenter, Compliance),
 * applied from one place; a missing or empty value is a synth-time error.
 */
export class MandatoryTags {
  /** The tag keys, in the order the platform documents them. */
  public static readonly KEYS: string[] = ['Environment', 'Owner', 'CostCenter', 'Compliance'];

  /**
   * Tag every taggable resource under `scope` with the four mandatory tags.
   *
   * @param scope usually a Stack or the App
   * @param values the four values; each must be non-empty
   */
  public static apply(scope: IConstruct, values: MandatoryTagValues): void {
    const byKey: Record<string, string | undefined> = {
      Environment: values.environment,
      Owner: values.owner,
      CostCenter: values.costCenter,
      Compliance: values.compliance,
    };
    const field: Record<string, string> = {
      Environment: 'environment', Owner: 'owner', CostCenter: 'costCenter', Compliance: 'compliance',
    };
    PlatformError.throwAll(scope, MandatoryTags.KEYS
      .filter((key) => !byKey[key] || byKey[key]!.trim() === '')
      .map((key) => `mandatory tag ${key} needs a value: set tags.${field[key]} (got '${byKey[key] ?? ''}')`));
    for (const key of MandatoryTags.KEYS) {
      Tags.of(scope).add(key, byKey[key]!.trim());
    }
    // Tags.of() skips the generic resources of CDK's custom-resource providers; tag them as well.
    const tags = MandatoryTags.KEYS.map((key) => ({ Key: key, Value: byKey[key]!.trim() }));
    Aspects.of(scope).add(new TagGenericResources(tags));
  }

  private constructor() {}
}

/** Adds the mandatory tags to generic resources of taggable types (custom-resource providers). */
class TagGenericResources implements IAspect {
  constructor(private readonly tags: Array<{ Key: string; Value: string }>) {}

  public visit(node: IConstruct): void {
    if (CfnResource.isCfnResource(node) && isGenericTaggable(node)) {
      node.addPropertyOverride('Tags', this.tags);
    }
  }
}
