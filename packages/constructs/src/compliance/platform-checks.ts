import { CfnResource } from 'aws-cdk-lib';
import { NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { MANDATORY_TAGS } from './platform-rules/mandatory-tags';
import { NO_PLAIN_ENVIRONMENT } from './platform-rules/no-plain-environment';
import { PlatformRule } from './platform-rules/platform-rule';

/** The rules of the platform pack, in the order findings are reported. */
const PLATFORM_RULES: PlatformRule[] = [MANDATORY_TAGS, NO_PLAIN_ENVIRONMENT];

/**
 * The platform's own rules as a cdk-nag pack (rule ids `Platform-<Rule>`), so they run
 * and report like the AwsSolutions, NIST, HIPAA and PCI packs.
 */
export class PlatformChecks extends NagPack {
  public readonly name = 'Platform';

  constructor(scope?: IConstruct, props?: NagPackProps) {
    super(scope, props);
    this.packName = 'Platform';
  }

  protected checkResource(node: CfnResource): void {
    for (const rule of PLATFORM_RULES) {
      this.applyRule({
        ruleSuffixOverride: rule.id,
        info: rule.info,
        explanation: rule.explanation,
        level: rule.level,
        node,
        rule: rule.check,
      });
    }
  }
}
