import { CfnElement, CfnOutput, CfnParameter, CfnResource, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';
import { policyCharacters, quotaHeadroom, quotaProblem, QUOTAS } from './quotas';

const checked = new WeakSet<Stack>();

/**
 * Check, when the app is synthesized, the quotas a stack can outgrow as the fleet grows: its
 * resources, outputs and parameters; the inline policies of each role (all together), each
 * managed policy, each KMS key policy, and the inbound and outbound rules of each security
 * group. Each problem names the resource, the count and the quota. Idempotent.
 *
 * The rules and policies counted are those of the stack itself: a rule another stack adds to an
 * imported group, or a policy it attaches to an imported role, is checked in neither (the
 * platform's imports are immutable, so its own stacks do not do that).
 */
export function addStackQuotaChecks(stack: Stack): void {
  if (checked.has(stack)) {
    return;
  }
  checked.add(stack);
  stack.node.addValidation({ validate: () => stackQuotaProblems(stack, quotaHeadroom(stack)) });
}

/** Every quota problem of one stack (see `addStackQuotaChecks`). */
export function stackQuotaProblems(stack: Stack, headroom: number): string[] {
  const elements = stack.node.findAll().filter((c): c is CfnElement => CfnElement.isCfnElement(c) && c.stack === stack);
  const resources = elements.filter((c): c is CfnResource => CfnResource.isCfnResource(c));
  const problems: Array<string | undefined> = [
    quotaProblem(`stack '${stack.stackName}'`, resources.length, QUOTAS.stackResources, headroom),
    quotaProblem(`stack '${stack.stackName}'`, elements.filter((c) => c instanceof CfnOutput).length, QUOTAS.stackOutputs, headroom),
    quotaProblem(`stack '${stack.stackName}'`, elements.filter((c) => c instanceof CfnParameter).length, QUOTAS.stackParameters, headroom),
    ...policyProblems(stack, resources, headroom),
    ...resources.filter((r): r is kms.CfnKey => r instanceof kms.CfnKey).map((key) =>
      quotaProblem(`KMS key ${key.node.path}`, Buffer.byteLength(JSON.stringify(stack.resolve(key.keyPolicy) ?? {})), QUOTAS.keyPolicyBytes, headroom)),
    ...securityGroupProblems(stack, resources, headroom),
  ];
  return problems.filter((p): p is string => p !== undefined);
}

/** Inline policies per role (inline `Policies` plus every `AWS::IAM::Policy` attached to it) and each managed policy. */
function policyProblems(stack: Stack, resources: CfnResource[], headroom: number): Array<string | undefined> {
  const inline = new Map<string, { path: string; characters: number }>();
  const add = (key: string, path: string, characters: number) => {
    const entry = inline.get(key) ?? { path, characters: 0 };
    inline.set(key, { path: entry.path, characters: entry.characters + characters });
  };
  const problems: Array<string | undefined> = [];
  for (const resource of resources) {
    if (resource instanceof iam.CfnRole) {
      // Resolved as the L1 holds them: camelCase properties, documents rendered.
      const policies: Array<{ policyDocument?: unknown }> = stack.resolve(resource.policies) ?? [];
      add(stack.resolve(resource.logicalId), resource.node.path, policies.reduce((n, p) => n + policyCharacters(p.policyDocument), 0));
    } else if (resource instanceof iam.CfnPolicy) {
      const characters = policyCharacters(stack.resolve(resource.policyDocument));
      for (const role of stack.resolve(resource.roles) ?? []) {
        // A role of this stack is `{ Ref: logicalId }`; an imported one is its name.
        const key = typeof role === 'object' && role !== null && 'Ref' in role ? String(role.Ref) : JSON.stringify(role);
        add(key, typeof role === 'string' ? `role '${role}'` : resource.node.path, characters);
      }
    } else if (resource instanceof iam.CfnManagedPolicy) {
      problems.push(quotaProblem(`managed policy ${resource.node.path}`, policyCharacters(stack.resolve(resource.policyDocument)),
        QUOTAS.managedPolicyCharacters, headroom));
    }
  }
  for (const [key, { characters }] of inline) {
    const role = resources.find((r) => r instanceof iam.CfnRole && stack.resolve(r.logicalId) === key);
    problems.push(quotaProblem(`IAM role ${role ? role.node.path : key}`, characters, QUOTAS.roleInlinePolicyCharacters, headroom));
  }
  return problems;
}

/** Inbound and outbound rules of each security group: inline, plus the separate rule resources of the same stack. */
function securityGroupProblems(stack: Stack, resources: CfnResource[], headroom: number): Array<string | undefined> {
  const groups = resources.filter((r): r is ec2.CfnSecurityGroup => r instanceof ec2.CfnSecurityGroup);
  if (groups.length === 0) {
    return [];
  }
  const separate = new Map<string, { inbound: number; outbound: number }>();
  for (const rule of resources) {
    const inbound = rule instanceof ec2.CfnSecurityGroupIngress;
    if (!inbound && !(rule instanceof ec2.CfnSecurityGroupEgress)) {
      continue;
    }
    const groupId = stack.resolve((rule as ec2.CfnSecurityGroupIngress | ec2.CfnSecurityGroupEgress).groupId);
    const target = groupId?.['Fn::GetAtt']?.[0];
    if (typeof target === 'string') {
      const counts = separate.get(target) ?? { inbound: 0, outbound: 0 };
      separate.set(target, inbound ? { ...counts, inbound: counts.inbound + 1 } : { ...counts, outbound: counts.outbound + 1 });
    }
  }
  return groups.flatMap((group) => {
    const own = separate.get(stack.resolve(group.logicalId)) ?? { inbound: 0, outbound: 0 };
    const count = (rules: unknown) => (Array.isArray(rules) ? rules.length : 0);
    const path = `security group ${group.node.path}`;
    return [
      quotaProblem(path, count(stack.resolve(group.securityGroupIngress)) + own.inbound, QUOTAS.inboundRulesPerSecurityGroup, headroom),
      quotaProblem(path, count(stack.resolve(group.securityGroupEgress)) + own.outbound, QUOTAS.outboundRulesPerSecurityGroup, headroom),
    ];
  });
}

/**
 * Listener rules and target groups of one load balancer: every rule of the app on one of its
 * listeners (the rule's `listenerArn` is the listener's own token, in any stack of the app), and
 * every distinct target group those rules and the listeners' default actions forward to.
 */
export function loadBalancerQuotaProblems(what: string, listeners: elbv2.ApplicationListener[], headroom: number): string[] {
  if (listeners.length === 0) {
    return [];
  }
  const arns = new Set(listeners.map((l) => l.listenerArn));
  const root = listeners[0].node.root;
  const rules = root.node.findAll().filter((c): c is elbv2.CfnListenerRule => c instanceof elbv2.CfnListenerRule && arns.has(c.listenerArn ?? ''));
  const targetGroups = new Set<string>();
  const collect = (scope: IConstruct, actions: unknown) => {
    const stack = Stack.of(scope);
    for (const action of (stack.resolve(actions) ?? []) as any[]) {
      // Resolved as the L1 holds them: camelCase properties.
      const forwarded = [action?.targetGroupArn, ...(action?.forwardConfig?.targetGroups ?? []).map((t: any) => t?.targetGroupArn)];
      forwarded.filter((arn) => arn !== undefined).forEach((arn) => targetGroups.add(`${stack.artifactId}:${JSON.stringify(arn)}`));
    }
  };
  rules.forEach((rule) => collect(rule, rule.actions));
  listeners.forEach((listener) => collect(listener, (listener.node.defaultChild as elbv2.CfnListener).defaultActions));
  return [
    quotaProblem(what, rules.length, QUOTAS.rulesPerLoadBalancer, headroom),
    quotaProblem(what, targetGroups.size, QUOTAS.targetGroupsPerLoadBalancer, headroom),
  ].filter((p): p is string => p !== undefined);
}

/**
 * The quota problems of a synthesized template (resources, outputs, parameters, bytes), for the
 * gate: it sees the template as deployed, with what the synthesizer adds after validation
 * (the `BootstrapVersion` parameter).
 */
export function templateQuotaProblems(stackName: string, template: any, bytes: number, headroom: number): string[] {
  const count = (section: string) => Object.keys(template[section] ?? {}).length;
  const what = `the template of stack '${stackName}'`;
  return [
    quotaProblem(what, count('Resources'), QUOTAS.stackResources, headroom),
    quotaProblem(what, count('Outputs'), QUOTAS.stackOutputs, headroom),
    quotaProblem(what, count('Parameters'), QUOTAS.stackParameters, headroom),
    quotaProblem(what, bytes, QUOTAS.templateBytes, headroom),
  ].filter((p): p is string => p !== undefined);
}
