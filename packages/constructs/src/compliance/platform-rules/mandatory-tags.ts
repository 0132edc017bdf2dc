import { CfnResource, TagManager } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { PlatformRule } from './platform-rule';
import { isGenericTaggable, renderedTags } from '../../private/generic-tags';
import { MandatoryTags } from '../../tagging/mandatory-tags';

/** Every taggable resource carries Environment, Owner, CostCenter and Compliance with a value. */
export const MANDATORY_TAGS: PlatformRule = {
  id: 'MandatoryTags',
  info: `The resource lacks one of the mandatory tags ${MandatoryTags.KEYS.join(', ')}.`,
  explanation: 'Cost allocation, ownership and the compliance scope of every resource are read from its tags '
    + '(NIST 800-53 CM-8, SOC 2 CC6.1). Apply them with MandatoryTags.apply on the stack.',
  level: NagMessageLevel.ERROR,
  check: (resource: CfnResource) => {
    let tags: Record<string, string>;
    if (TagManager.isTaggable(resource)) {
      tags = resource.tags.tagValues();
    } else if (isGenericTaggable(resource)) {
      tags = renderedTags(resource);
    } else {
      return NagRuleCompliance.NOT_APPLICABLE;
    }
    const missing = MandatoryTags.KEYS.filter((key) => !tags[key] || tags[key].trim() === '');
    return missing.length === 0 ? NagRuleCompliance.COMPLIANT : missing;
  },
};
