import { Duration, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { Compliance } from '../compliance/acknowledgments';
import { PlatformError } from '../errors';
import { EnvironmentProfile } from './environment-profile';
import { loadBalancerQuotaProblems } from '../private/quota-checks';
import { MAX_LOAD_BALANCERS, quotaHeadroom, QUOTAS } from '../private/quotas';
import { CERTIFICATE_ARN } from '../private/validate';

/** Properties of an environment's ingress. */
export interface PlatformIngressProps {
  readonly profile: EnvironmentProfile;
  readonly vpc: ec2.IVpc;
  /** The ACM certificate of the HTTPS listener. */
  readonly certificate: acm.ICertificate;
  /** Receives the load balancer's access logs (must be SSE-S3). */
  readonly accessLogs: s3.IBucket;
  /** Encrypts the WAF log group. */
  readonly logsKey: kms.IKey;
  /**
   * How many load balancers to create. Each holds 100 listener rules and 100 target groups,
   * so a fleet of more than 80 public services needs more than one (the fleet says how many).
   * @default 1
   */
  readonly loadBalancers?: number;
}

/** Managed rule groups of the web ACL, evaluated in this order (1,125 of the web ACL's 1,500 included capacity units). */
const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
];

/**
 * The TLS policy of every HTTPS listener: TLS 1.3 and 1.2 with FIPS 140-validated cryptography only.
 * Every environment serves the policy production serves, so that clients meet it before production.
 */
const LISTENER_TLS_POLICY = elbv2.SslPolicy.FIPS_TLS13_12;

/**
 * Desync mitigation of every load balancer: `strictest` rejects every request that does not comply
 * with RFC 7230, not only those classified severe (`defensive`). As with the TLS policy, every
 * environment behaves as production does, so a non-compliant client fails in develop first.
 */
const DESYNC_MITIGATION = elbv2.DesyncMitigationMode.STRICTEST;

/**
 * The environment's HTTPS entry point: an internet-facing Application Load Balancer in
 * the public subnets with one listener on 443 (a FIPS-capable TLS 1.2+ policy, the caller's ACM
 * certificate), access logs, invalid header fields dropped, strictest desync mitigation,
 * a 60 s idle timeout, deletion protection as the profile says, and a WAF web ACL with AWS
 * managed rules (IP reputation, common, known bad inputs, SQL injection) and a per-IP rate limit.
 *
 * There is no port-80 listener: an HTTP-to-HTTPS redirect would be one more listener
 * without a certificate, which the NIST and PCI packs reject; clients use HTTPS.
 * Services add their listener rules to `httpsListener`; unmatched requests get a 404.
 *
 * A fleet that outgrows one load balancer (100 rules and 100 target groups) gets more
 * (`loadBalancers`), each built the same way, each with its own listener and DNS name; they
 * share the security group (one ingress rule, one egress rule, however many services) and
 * the web ACL. The synthesis fails when a load balancer carries more rules or target groups
 * than its quota allows (or than the share of it the `@fargate-platform/constructs:quotaHeadroom`
 * context asks for).
 */
export class PlatformIngress extends Construct {
  /** The first load balancer. */
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** The HTTPS listener of the first load balancer. */
  public readonly httpsListener: elbv2.ApplicationListener;
  /** Every load balancer, the first one first (a service's `route.loadBalancer` indexes it). */
  public readonly loadBalancers: elbv2.ApplicationLoadBalancer[];
  /** The HTTPS listener of each load balancer, in the same order. */
  public readonly httpsListeners: elbv2.ApplicationListener[];
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: PlatformIngressProps) {
    super(scope, id);
    const env = props.profile.name;
    const arn = props.certificate.certificateArn;
    const count = props.loadBalancers ?? 1;
    PlatformError.throwAll(this, [
      ...(Token.isUnresolved(arn) || CERTIFICATE_ARN.test(arn) ? []
        : [`certificate must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>); got '${arn}'`]),
      ...(Number.isInteger(count) && count >= 1 && count <= MAX_LOAD_BALANCERS ? []
        : [`loadBalancers must be an integer from 1 to ${MAX_LOAD_BALANCERS} (80 % of the ${QUOTAS.loadBalancersPerRegion.max} `
          + `Application Load Balancers a region allows); got ${count}`]),
    ]);

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `Load balancer of ${env}: HTTPS from the internet, to tasks in the VPC`,
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS from the internet');
    // One rule for every service: tasks listen on 1024-65535 and admit only this group.
    this.securityGroup.addEgressRule(ec2.Peer.ipv4(props.profile.vpcCidr), ec2.Port.tcpRange(1024, 65535), 'To service tasks in the VPC');
    Compliance.acknowledge(this.securityGroup, 'AwsSolutions-EC23',
      'The internet-facing load balancer must accept HTTPS (443 only) from any address; requests are filtered by the '
      + 'WAF web ACL attached to it, and no other port is open.');

    this.loadBalancers = [];
    this.httpsListeners = [];
    for (let index = 0; index < count; index++) {
      const [loadBalancer, listener] = this.addLoadBalancer(index, props);
      this.loadBalancers.push(loadBalancer);
      this.httpsListeners.push(listener);
    }
    this.loadBalancer = this.loadBalancers[0];
    this.httpsListener = this.httpsListeners[0];

    this.webAcl = this.addWebAcl(env, props.logsKey, props.profile.logRetention);
    this.loadBalancers.slice(1).forEach((loadBalancer, i) => new wafv2.CfnWebACLAssociation(this, `WebAclAssociation${i + 1}`, {
      resourceArn: loadBalancer.loadBalancerArn,
      webAclArn: this.webAcl.attrArn,
    }));

    this.node.addValidation({
      validate: () => this.loadBalancers.flatMap((loadBalancer, i) =>
        loadBalancerQuotaProblems(`load balancer ${i} (${loadBalancer.node.path})`, [this.httpsListeners[i]], quotaHeadroom(this))),
    });
  }

  /** Load balancer `index` and its HTTPS listener; the first keeps the construct ids it always had. */
  private addLoadBalancer(index: number, props: PlatformIngressProps): [elbv2.ApplicationLoadBalancer, elbv2.ApplicationListener] {
    const env = props.profile.name;
    const suffix = index === 0 ? '' : `${index}`;
    const loadBalancer = new elbv2.ApplicationLoadBalancer(this, `LoadBalancer${suffix}`, {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: this.securityGroup,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: DESYNC_MITIGATION,
      idleTimeout: Duration.seconds(60),
      deletionProtection: props.profile.deletionProtection,
    });
    loadBalancer.logAccessLogs(props.accessLogs, index === 0 ? `alb/${env}` : `alb/${env}-${index}`);
    if (!props.profile.deletionProtection) {
      for (const rule of ['ControlTower-CT.ELASTICLOADBALANCING.PR.5', 'NIST.800.53.R5-ELBDeletionProtectionEnabled', 'HIPAA.Security-ELBDeletionProtectionEnabled']) {
        Compliance.acknowledge(loadBalancer, rule,
          `Deletion protection is a production setting (the '${env}' profile turns it off): non-production environments `
          + 'are torn down and recreated, and the load balancer holds no data.');
      }
    }

    const listener = loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [props.certificate],
      sslPolicy: LISTENER_TLS_POLICY,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not found' }),
    });
    return [loadBalancer, listener];
  }

  private addWebAcl(env: string, logsKey: kms.IKey, retention: logs.RetentionDays): wafv2.CfnWebACL {
    const visibility = (name: string): wafv2.CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true, metricName: `${env}-${name}`, sampledRequestsEnabled: true,
    });
    const webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('web-acl'),
      rules: [
        ...MANAGED_RULE_GROUPS.map((name, i) => ({
          name,
          priority: i,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
          visibilityConfig: visibility(name),
        })),
        {
          name: 'RateLimitPerIp',
          priority: MANAGED_RULE_GROUPS.length,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: 2000, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('rate-limit'),
        },
      ],
    });
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
      resourceArn: this.loadBalancer.loadBalancerArn,
      webAclArn: webAcl.attrArn,
    });
    // WAF only delivers to log groups whose name starts with aws-waf-logs-.
    const wafLogs = new logs.LogGroup(this, 'WafLogs', {
      logGroupName: `aws-waf-logs-${env}`,
      retention,
      encryptionKey: logsKey,
    });
    new wafv2.CfnLoggingConfiguration(this, 'WafLogging', {
      resourceArn: webAcl.attrArn,
      logDestinationConfigs: [wafLogs.logGroupArn],
    });
    return webAcl;
  }
}
