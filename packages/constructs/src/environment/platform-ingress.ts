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
import { CERTIFICATE_ARN } from '../private/validate';
import { EnvironmentProfile } from './environment-profile';

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
}

/** Managed rule groups of the web ACL, evaluated in this order. */
const MANAGED_RULE_GROUPS = ['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet'];

/**
 * The environment's HTTPS entry point: an internet-facing Application Load Balancer in
 * the public subnets with one listener on 443 (TLS 1.2+ policy, the caller's ACM
 * certificate), access logs, invalid header fields dropped, defensive desync mitigation,
 * a 60 s idle timeout, deletion protection as the profile says, and a WAF web ACL with AWS
 * managed rules and a per-IP rate limit.
 *
 * There is no port-80 listener: an HTTP-to-HTTPS redirect would be one more listener
 * without a certificate, which the NIST and PCI packs reject; clients use HTTPS.
 * Services add their listener rules to `httpsListener`; unmatched requests get a 404.
 */
export class PlatformIngress extends Construct {
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  public readonly httpsListener: elbv2.ApplicationListener;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: PlatformIngressProps) {
    super(scope, id);
    const env = props.profile.name;
    const arn = props.certificate.certificateArn;
    PlatformError.assert(this, Token.isUnresolved(arn) || CERTIFICATE_ARN.test(arn),
      `certificate must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>); got '${arn}'`);

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

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: props.vpc,
      internetFacing: true,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
      securityGroup: this.securityGroup,
      dropInvalidHeaderFields: true,
      desyncMitigationMode: elbv2.DesyncMitigationMode.DEFENSIVE,
      idleTimeout: Duration.seconds(60),
      deletionProtection: props.profile.deletionProtection,
    });
    this.loadBalancer.logAccessLogs(props.accessLogs, `alb/${env}`);
    if (!props.profile.deletionProtection) {
      for (const rule of ['ControlTower-CT.ELASTICLOADBALANCING.PR.5', 'NIST.800.53.R5-ELBDeletionProtectionEnabled', 'HIPAA.Security-ELBDeletionProtectionEnabled']) {
        Compliance.acknowledge(this.loadBalancer, rule,
          `Deletion protection is a production setting (the '${env}' profile turns it off): non-production environments `
          + 'are torn down and recreated, and the load balancer holds no data.');
      }
    }

    this.httpsListener = this.loadBalancer.addListener('Https', {
      port: 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      certificates: [props.certificate],
      sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'Not found' }),
    });

    this.webAcl = this.addWebAcl(env, props.logsKey, props.profile.logRetention);
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
