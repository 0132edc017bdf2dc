import { EnvironmentProfile } from '../../src';
import { resourcesOf, synthesizeEnvironment } from '../helpers/environment-fixture';

// Generators: every standard environment, synthesized once each.
const environments = EnvironmentProfile.STANDARD.map((p) => [p.name, p] as const);

describe('PlatformIngress: the edge (finding 9)', () => {
  test.each(environments)('%s: the HTTPS listeners use a FIPS-capable TLS 1.2+ policy', (_name, profile) => {
    const listeners = resourcesOf(synthesizeEnvironment(profile).json, 'AWS::ElasticLoadBalancingV2::Listener');
    expect(listeners.length).toBeGreaterThan(0);
    for (const [, listener] of listeners) {
      expect(listener.Properties.SslPolicy).toBe('ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04');
    }
  });

  test.each(environments)('%s: desync mitigation is strictest', (_name, profile) => {
    for (const [, alb] of resourcesOf(synthesizeEnvironment(profile).json, 'AWS::ElasticLoadBalancingV2::LoadBalancer')) {
      const attributes = Object.fromEntries(alb.Properties.LoadBalancerAttributes.map((a: any) => [a.Key, a.Value]));
      expect(attributes['routing.http.desync_mitigation_mode']).toBe('strictest');
    }
  });

  test('the web ACL evaluates the IP reputation, common, known-bad-inputs and SQL injection rule groups, then the rate limit', () => {
    const [[, acl]] = resourcesOf(synthesizeEnvironment(EnvironmentProfile.PROD).json, 'AWS::WAFv2::WebACL');
    const rules = [...acl.Properties.Rules].sort((a: any, b: any) => a.Priority - b.Priority);
    expect(rules.map((r: any) => r.Statement.ManagedRuleGroupStatement?.Name ?? r.Name)).toEqual([
      'AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet',
      'AWSManagedRulesSQLiRuleSet', 'RateLimitPerIp',
    ]);
    expect(rules.filter((r: any) => r.Statement.ManagedRuleGroupStatement).every((r: any) => 'None' in r.OverrideAction)).toBe(true);
  });
});
