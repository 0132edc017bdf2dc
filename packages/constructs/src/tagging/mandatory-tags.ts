import { Aspects, CfnResource, IAspect, Tags } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PlatformError } from '../errors';
import { isGenericTaggable } from '../private/generic-tags';
import { tagProblems, tagProblemsUnder } from './private/tag-rules';

/** Values of the tags every resource of the platform must carry. */
export interface MandatoryTagValues {
  /** `Environment` tag, e.g. `prod`. */
  readonly environment: string;
  /** `Owner` tag: the team accountable for the resource. */
  readonly owner: string;
  /** `CostCenter` tag: where the bill goes. */
  readonly costCenter: string;
  /**
   * `Compliance` tag: the regimes the resource is operated under, separated by spaces, e.g.
   * `nist-800-53-r5 soc2` (IAM and Lambda refuse a comma in a tag value).
   */
  readonly compliance: string;
}

/**
 * The four tags every resource carries (Environment, Owner, CostCenter, Compliance),
 * applied from one place; a missing or empty value is a synth-time error.
 *
 * Every tag under the scope, these and any other, must meet the strictest AWS tag rules (keys of
 * 1-128 and values of up to 256 letters, digits, spaces and `_ . : / = + - @`; no `aws:` prefix):
 * the values given here are checked at once, every other tag when the app is synthesized.
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
    PlatformError.throwAll(scope, MandatoryTags.KEYS.flatMap((key) => {
      const value = byKey[key]?.trim() ?? '';
      return value === ''
        ? [`mandatory tag ${key} needs a value: set tags.${field[key]} (got '${byKey[key] ?? ''}')`]
        : tagProblems(key, value).map((p) => `tags.${field[key]}: ${p}`);
    }));
    for (const key of MandatoryTags.KEYS) {
      Tags.of(scope).add(key, byKey[key]!.trim());
    }
    // Tags.of() skips the generic resources of CDK's custom-resource providers; tag them as well.
    const tags = MandatoryTags.KEYS.map((key) => ({ Key: key, Value: byKey[key]!.trim() }));
    Aspects.of(scope).add(new TagGenericResources(tags));
    scope.node.addValidation({ validate: () => tagProblemsUnder(scope) });
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
