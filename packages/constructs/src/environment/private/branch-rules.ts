import { Token } from 'aws-cdk-lib';
import type { PipelineTrigger as Trigger } from '../environment-profile';

/** The glob characters CodePipeline's branch filters understand, plus what a git branch name may hold. */
const BRANCH_GLOB_CHARACTERS = /^[A-Za-z0-9._\-/*?]+$/;

/** What a git branch name may hold (a subset of `git check-ref-format`: no glob characters). */
const BRANCH_NAME_CHARACTERS = /^[A-Za-z0-9._\-/]+$/;

/** The triggers a pipeline knows (the values of `PipelineTrigger`, listed here to avoid an import cycle). */
const TRIGGERS = ['manual', 'on-push'];

/**
 * An environment's branch rule, checked where the profile is made (the pipeline takes it as it is):
 * a branch glob and a trigger the pipeline knows.
 */
export function branchRuleProblems(branchPattern: string, trigger: Trigger): string[] {
  const problems: string[] = [];
  if (!Token.isUnresolved(branchPattern) && !isBranchGlob(branchPattern)) {
    problems.push('branchPattern must be a branch glob of letters, digits, \'.\', \'_\', \'-\', \'/\', \'*\' and \'?\' without empty '
      + `segments, e.g. 'release/*.*.*'; got '${branchPattern}'`);
  }
  if (!TRIGGERS.includes(trigger)) {
    problems.push(`pipelineTrigger must be one of ${TRIGGERS.join(', ')}; got '${trigger}'`);
  }
  return problems;
}

function isBranchGlob(pattern: string): boolean {
  return pattern.length <= 255 && BRANCH_GLOB_CHARACTERS.test(pattern) && hasValidSegments(pattern);
}

/** A git branch name (no glob characters). */
export function isBranchName(name: string): boolean {
  return name.length <= 255 && BRANCH_NAME_CHARACTERS.test(name) && hasValidSegments(name);
}

/** No leading, trailing or doubled `/`, no `..`, no segment starting with `.` or ending with `.lock` (git's own rules). */
function hasValidSegments(value: string): boolean {
  return !value.includes('..')
    && value.split('/').every((segment) => segment.length > 0 && !segment.startsWith('.') && !segment.endsWith('.lock'))
    && !value.endsWith('.');
}
