import * as fs from 'fs';
import { EnvironmentProfile } from '../environment-profile';

/** How a setting compares between environments. */
export enum Strictness {
  /** A larger number is stricter or bigger. */
  HIGHER = 'higher is stricter',
  /** A smaller number is stricter (e.g. the share of interruptible capacity). */
  LOWER = 'lower is stricter',
  /** `true` is stricter. */
  ENABLED = 'on is stricter',
  /** Not ordered: each environment has its own (address range, branches). */
  OWN = 'per environment',
}

/** One row of the comparison. */
export interface ProfileSetting {
  readonly label: string;
  readonly strictness: Strictness;
  readonly value: (p: EnvironmentProfile) => number | boolean | string;
}

/** Every setting of a profile, in the order the table shows them. */
export const PROFILE_SETTINGS: ProfileSetting[] = [
  { label: 'VPC CIDR', strictness: Strictness.OWN, value: (p) => p.vpcCidr },
  { label: 'availability zones', strictness: Strictness.HIGHER, value: (p) => p.availabilityZones },
  { label: 'NAT gateways', strictness: Strictness.HIGHER, value: (p) => p.natGateways },
  { label: 'log retention (days)', strictness: Strictness.HIGHER, value: (p) => p.logRetention as number },
  { label: 'Fargate Spot share (%)', strictness: Strictness.LOWER, value: (p) => p.fargateSpotPercent },
  { label: 'minimum tasks per service', strictness: Strictness.HIGHER, value: (p) => p.minTasks },
  { label: 'load balancer deletion protection', strictness: Strictness.ENABLED, value: (p) => p.deletionProtection },
  { label: 'stack termination protection', strictness: Strictness.ENABLED, value: (p) => p.terminationProtection },
  { label: 'manual approval before deploy', strictness: Strictness.ENABLED, value: (p) => p.requireApproval },
  { label: 'recent MFA for operators (≤ 1 h, 1 h sessions)', strictness: Strictness.ENABLED, value: (p) => p.requireRecentMfa },
  { label: 'operators may stop tasks by hand', strictness: Strictness.LOWER, value: (p) => !p.production },
  { label: 'S3 Object Lock mode of the audit bucket', strictness: Strictness.OWN, value: (p) => (p.production ? 'COMPLIANCE' : 'GOVERNANCE') },
  { label: 'enhanced (Inspector) image scanning by default', strictness: Strictness.ENABLED, value: (p) => p.production },
  { label: 'branches built', strictness: Strictness.OWN, value: (p) => p.branchPattern },
  { label: 'pipeline start', strictness: Strictness.OWN, value: (p) => p.pipelineTrigger },
];

/** Whether `candidate` is at least as strict as `reference` for a setting. */
export function atLeastAsStrict(setting: ProfileSetting, candidate: EnvironmentProfile, reference: EnvironmentProfile): boolean {
  const a = setting.value(candidate);
  const b = setting.value(reference);
  switch (setting.strictness) {
    case Strictness.HIGHER: return Number(a) >= Number(b);
    case Strictness.LOWER: return Number(a) <= Number(b);
    case Strictness.ENABLED: return a === true || a === b;
    default: return true;
  }
}

/** The comparison as a Markdown document. */
export function profileTable(profiles: EnvironmentProfile[]): string {
  const show = (v: number | boolean | string): string => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : `\`${v}\``);
  return [
    '# Environments: how develop, test, qa and prod differ',
    '',
    '<!-- Generated from EnvironmentProfile by the constructs package build (src/environment/private/profile-table.ts). Do not edit. -->',
    '',
    'Every setting that differs between environments lives in `EnvironmentProfile`. Production may raise a floor,',
    'never lower one: for every ordered setting below, prod is at least as strict as each other environment',
    '(a unit test enforces it). Settings marked "per environment" are not ordered.',
    '',
    `| setting | ${profiles.map((p) => p.name).join(' | ')} | rule |`,
    `|---|${profiles.map(() => '---').join('|')}|---|`,
    ...PROFILE_SETTINGS.map((s) => `| ${s.label} | ${profiles.map((p) => show(s.value(p))).join(' | ')} | ${s.strictness} |`),
    '',
    'Controls enforced in every environment, whatever the profile: customer-managed KMS keys with rotation, each',
    'administered by the account and the key-administrator role and used only through the AWS services that need it;',
    'HTTPS only with a FIPS-capable TLS 1.2+ policy and strictest desync mitigation; WAF with the IP reputation,',
    'common, known-bad-inputs and SQL injection rule groups; VPC flow logs, network ACLs, Container Insights, private',
    'subnets for tasks; CloudTrail with log file validation and S3 data events on the access-log bucket, AWS Config,',
    'an audit bucket with Object Lock and a deny-delete policy; MFA for human operators, the four mandatory tags, no',
    'plain container environment variables, and every compliance gate. The GOVERNANCE mode outside prod lets an',
    'administrator empty a torn-down test account once the deny-delete policy is removed (itself a recorded event).',
    '',
  ].join('\n');
}

/** Write the table of the standard profiles (called by the package's post-compile step). */
export function writeProfileTable(file: string): void {
  fs.writeFileSync(file, profileTable(EnvironmentProfile.STANDARD));
}
