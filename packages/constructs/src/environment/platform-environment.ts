import { Annotations, Duration, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { PlatformError } from '../errors';
import { EnvironmentContract, EnvironmentKeys, IPlatformEnvironment } from './environment-contract';
import { EnvironmentProfile } from './environment-profile';
import { PlatformAlerting } from './platform-alerting';
import { PlatformAudit } from './platform-audit';
import { PlatformCluster } from './platform-cluster';
import { PlatformDiscovery } from './platform-discovery';
import { PlatformIngress } from './platform-ingress';
import { PlatformKeys } from './platform-keys';
import { PlatformNetwork } from './platform-network';
import { acknowledgeGeneratedDefaultPolicies } from '../private/generated-policies';
import { addStackQuotaChecks } from '../private/quota-checks';
import { accessLogBucket } from '../private/secure-bucket';
import { PREFIX_LIST_ID, SECURITY_GROUP_ID } from '../private/validate';
import { MandatoryTags } from '../tagging/mandatory-tags';
import { httpsListenerEntry, loadBalancerDnsNameEntry } from './private/load-balancer-entries';
import { createOperatorRole } from './private/operator-role';
import { enhancedRegistryScanning } from './private/registry-scanning';

/** The externally managed Kafka cluster the services talk to. */
export interface KafkaOptions {
  /** Bootstrap brokers, `host:port` each. */
  readonly brokers: string[];
  /** Security group of the brokers (services get egress to it). */
  readonly securityGroupId: string;
  /**
   * TLS port of the brokers.
   * @default 9094
   */
  readonly port?: number;
}

/** How the account's container registry scans images. */
export enum ImageScanning {
  /** Basic scanning on push, set on each repository (ECR's default). */
  BASIC = 'BASIC',
  /**
   * Enhanced scanning by Amazon Inspector: the environment's repositories continuously (operating
   * system and language packages, re-evaluated as new vulnerabilities are published), every other
   * repository of the registry on push.
   */
  ENHANCED = 'ENHANCED',
}

/** The tags of an environment besides `Environment`, which is the profile's name. */
export interface EnvironmentTags {
  /** `Owner`: the team operating the environment. */
  readonly owner: string;
  /** `CostCenter` the environment's shared infrastructure is billed to. */
  readonly costCenter: string;
  /** `Compliance`: the regimes the environment is operated under, e.g. `nist-800-53-r5 soc2`. */
  readonly compliance: string;
}

/** Properties of a platform environment. */
export interface PlatformEnvironmentProps {
  /** develop, test, qa, prod or a custom profile. */
  readonly profile: EnvironmentProfile;
  /** ACM certificate of the HTTPS listener. */
  readonly certificate: acm.ICertificate;
  readonly kafka: KafkaOptions;
  readonly tags: EnvironmentTags;
  /**
   * The id of the AWS-managed prefix list `com.amazonaws.{region}.s3` in the environment's Region
   * (`aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.{region}.s3`):
   * service tasks may reach S3 (image layers) only at its addresses, through the VPC's S3 gateway
   * endpoint. CloudFormation cannot read it from the endpoint, so the environment is given it.
   */
  readonly s3PrefixListId: string;
  /**
   * Availability zones, as many as the profile asks for.
   * @default - `{region}a`, `{region}b`, `{region}c` of the stack's region
   */
  readonly availabilityZones?: string[];
  /**
   * Whether this environment creates the account-level audit: CloudTrail trail and the AWS
   * Config recorder. An account and region hold one Config recorder, so when several
   * environments share an account, all but one set this to false.
   * @default true
   */
  readonly accountAudit?: boolean;
  /**
   * How many load balancers the ingress creates: one per 80 public services, as the fleet's
   * route assignment says (a load balancer holds 100 listener rules and 100 target groups).
   * Each is published in the contract (`https-listener-arn`, then `https-listener-arn-1`, ...).
   * @default 1
   */
  readonly loadBalancers?: number;
  /**
   * How the account's registry scans images. Registry scanning is a setting of the account and
   * region, so only the environment that owns the account's audit (`accountAudit`) sets it.
   * @default - ENHANCED in a production profile that owns the account's audit, BASIC elsewhere
   */
  readonly imageScanning?: ImageScanning;
}

/**
 * The shared infrastructure of one environment (develop, test, qa or prod): network, keys,
 * cluster, HTTPS ingress, service discovery, alerting and audit, tagged with the four
 * mandatory tags, and the contract services attach to (published as SSM parameters).
 *
 * @example
 * declare const certificate: acm.ICertificate;
 * const stack = new Stack(new App(), 'prod-environment', { env: { region: 'us-east-1' } });
 * new platform.PlatformEnvironment(stack, 'Environment', {
 *   profile: platform.EnvironmentProfile.PROD,
 *   certificate,
 *   kafka: { brokers: ['b-1.kafka.internal:9094'], securityGroupId: 'sg-0123456789abcdef0' },
 *   tags: { owner: 'platform-team', costCenter: 'cc-1000', compliance: 'nist-800-53-r5 soc2' },
 *   s3PrefixListId: 'pl-63a5400a',
 * });
 */
export class PlatformEnvironment extends Construct implements IPlatformEnvironment {
  public readonly profile: EnvironmentProfile;
  public readonly keys: EnvironmentKeys;
  public readonly network: PlatformNetwork;
  public readonly vpc: ec2.IVpc;
  public readonly cluster: ecs.ICluster;
  public readonly ingress: PlatformIngress;
  public readonly httpsListener: elbv2.IApplicationListener;
  public readonly loadBalancerSecurityGroup: ec2.ISecurityGroup;
  public readonly loadBalancerDnsName: string;
  public readonly namespace: servicediscovery.IPrivateDnsNamespace;
  public readonly criticalTopic: sns.ITopic;
  public readonly warningTopic: sns.ITopic;
  public readonly pipelineTopic: sns.ITopic;
  public readonly endpointSecurityGroup: ec2.ISecurityGroup;
  public readonly s3PrefixListId: string;
  public readonly accessLogsBucket: s3.IBucket;
  public readonly kafkaSecurityGroup: ec2.ISecurityGroup;
  public readonly kafkaPort: number;
  public readonly kafkaBrokersParameter: ssm.IStringParameter;
  /** CloudTrail, Config and the operator role (absent when `accountAudit` is false). */
  public readonly audit?: PlatformAudit;
  /**
   * `{environment}-operator`, the role people operate the environment with (MFA required): it also
   * writes the services' secret values, and cannot read them.
   */
  public readonly operatorRole: iam.IRole;

  constructor(scope: Construct, id: string, props: PlatformEnvironmentProps) {
    super(scope, id);
    this.profile = props.profile;
    this.validate(props);
    const env = props.profile.name;
    const stack = Stack.of(this);
    MandatoryTags.apply(stack, { environment: env, ...props.tags });
    stack.terminationProtection = props.profile.terminationProtection;

    const accountAudit = props.accountAudit ?? true;
    const clusterName = PlatformCluster.clusterName(props.profile);
    const keys = new PlatformKeys(this, 'Keys', {
      profile: props.profile, clusterName, trailName: accountAudit ? PlatformAudit.trailName(props.profile) : undefined,
    });
    this.keys = keys;
    const logDays = props.profile.logRetention as number;
    const accessLogs = accessLogBucket(this, 'AccessLogs', Duration.days(logDays + 1), {
      replicationReason: 'No replica of this bucket exists, by decision: it holds operational logs (load balancer access logs, '
        + 'the server access logs of the services\' pipeline artifacts '
        + `and, where the environment owns the account's audit, the audit bucket's server access logs) kept ${logDays} days `
        + 'in this region, which docs/HANDBOOK.md (disaster recovery) does not restore; the audit record itself is the trail.',
    });

    this.accessLogsBucket = accessLogs;
    // The services' pipelines deliver their artifacts buckets' server access logs here (no bucket of their own to log to).
    accessLogs.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'ServerAccessLogsOfTheServicePipelines',
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [accessLogs.arnForObjects(`${EnvironmentContract.SERVICE_ACCESS_LOGS_PREFIX}*`)],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }));

    this.network = new PlatformNetwork(this, 'Network', { profile: props.profile, logsKey: keys.logs, availabilityZones: props.availabilityZones });
    this.vpc = this.network.vpc;
    this.cluster = new PlatformCluster(this, 'Cluster', { profile: props.profile, vpc: this.vpc, ecsKey: keys.ecs, logsKey: keys.logs }).cluster;

    this.ingress = new PlatformIngress(this, 'Ingress', {
      profile: props.profile, vpc: this.vpc, certificate: props.certificate, accessLogs, logsKey: keys.logs, loadBalancers: props.loadBalancers,
    });
    this.httpsListener = this.ingress.httpsListener;
    this.loadBalancerSecurityGroup = this.ingress.securityGroup;
    this.loadBalancerDnsName = this.ingress.loadBalancer.loadBalancerDnsName;

    this.namespace = new PlatformDiscovery(this, 'Discovery', { profile: props.profile, vpc: this.vpc }).namespace;

    const alerting = new PlatformAlerting(this, 'Alerting', { profile: props.profile, alertingKey: keys.alerting });
    this.criticalTopic = alerting.critical;
    this.warningTopic = alerting.warning;
    this.pipelineTopic = alerting.pipeline;

    if (accountAudit) {
      this.audit = new PlatformAudit(this, 'Audit', {
        profile: props.profile, logsKey: keys.logs, auditKey: keys.audit!, secretsKey: keys.secrets, accessLogs, clusterName,
      });
      this.operatorRole = this.audit.operatorRole;
      const scanning = props.imageScanning ?? (props.profile.production ? ImageScanning.ENHANCED : ImageScanning.BASIC);
      if (scanning === ImageScanning.ENHANCED) {
        enhancedRegistryScanning(this, props.profile);
      }
    } else {
      this.operatorRole = createOperatorRole(this, { profile: props.profile, clusterName, secretsKey: keys.secrets });
    }
    keys.admitSecretWriter(this.operatorRole);
    if (!accountAudit && props.profile.production && props.imageScanning === undefined) {
      Annotations.of(this).addWarningV2('@fargate-platform/constructs:registryScanning',
        `enhanced (Inspector) image scanning is not turned on by ${env}: it is a setting of the account's registry, which `
        + 'this environment does not own (accountAudit false). Turn it on in the environment or account that owns it.');
    }

    this.endpointSecurityGroup = this.network.endpointSecurityGroup;
    this.s3PrefixListId = props.s3PrefixListId;
    this.kafkaSecurityGroup = ec2.SecurityGroup.fromSecurityGroupId(this, 'KafkaSecurityGroup', props.kafka.securityGroupId, { mutable: false });
    this.kafkaPort = props.kafka.port ?? 9094;
    this.kafkaBrokersParameter = new ssm.StringParameter(this, 'KafkaBrokers', {
      parameterName: EnvironmentContract.parameterName(env, EnvironmentContract.KAFKA_BROKERS_ENTRY),
      stringValue: props.kafka.brokers.join(','),
      description: `Kafka bootstrap brokers of ${env}`,
    });

    EnvironmentContract.publish(this, this);
    this.publishLoadBalancers();
    this.keepLegacyServiceGroup();
    acknowledgeGeneratedDefaultPolicies(this);
    addStackQuotaChecks(stack);
  }

  public httpsListenerOf(loadBalancer: number): elbv2.IApplicationListener {
    const listener = this.ingress.httpsListeners[loadBalancer];
    if (!listener) {
      throw new PlatformError(this, `loadBalancer must be an integer from 0 to ${this.ingress.httpsListeners.length - 1} `
        + `(this environment has ${this.ingress.httpsListeners.length} load balancers); got ${loadBalancer}`);
    }
    return listener;
  }

  /**
   * The fleet-wide service group of the platform before closed service networks, and its
   * parameter, kept unchanged (same ids, same description, so CloudFormation neither replaces nor
   * deletes them) for one release: running tasks still carry the group, which EC2 refuses to delete,
   * and service stacks built with the previous library read the parameter. No rule refers to it and
   * no new service attaches it. Remove both in the next release, once every runtime stack is redeployed.
   */
  private keepLegacyServiceGroup(): void {
    const env = this.profile.name;
    const legacy = new ec2.SecurityGroup(this, 'ServiceSecurityGroup', {
      vpc: this.vpc,
      // The description is the old one, verbatim: changing it would replace the group.
      description: `Every service task of ${env} carries this group; internal services admit it`,
      allowAllOutbound: false,
    });
    const entry = 'service-security-group-id';
    new ssm.StringParameter(this.node.findChild('Contract'), entry, {
      parameterName: EnvironmentContract.parameterName(env, entry),
      stringValue: legacy.securityGroupId,
      description: `Fargate platform contract of ${env}: ${entry}`,
    });
  }

  /** The contract entries of load balancers 1, 2, ... (`publish` writes those of the first). */
  private publishLoadBalancers(): void {
    const env = this.profile.name;
    const contract = this.node.findChild('Contract');
    this.ingress.loadBalancers.slice(1).forEach((loadBalancer, i) => {
      const entries: Array<[string, string]> = [
        [httpsListenerEntry(i + 1), this.ingress.httpsListeners[i + 1].listenerArn],
        [loadBalancerDnsNameEntry(i + 1), loadBalancer.loadBalancerDnsName],
      ];
      for (const [entry, value] of entries) {
        new ssm.StringParameter(contract, entry, {
          parameterName: EnvironmentContract.parameterName(env, entry),
          stringValue: value,
          description: `Fargate platform contract of ${env}: ${entry}`,
        });
      }
    });
  }

  private validate(props: PlatformEnvironmentProps): void {
    const problems: string[] = [];
    const kafka = props.kafka;
    if (kafka.brokers.length === 0) {
      problems.push('kafka.brokers must list at least one broker (host:port); got none');
    }
    for (const broker of kafka.brokers.filter((b) => !Token.isUnresolved(b))) {
      if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(broker)) {
        problems.push(`kafka.brokers entries must be host:port; got '${broker}'`);
      }
    }
    if (!Token.isUnresolved(kafka.securityGroupId) && !SECURITY_GROUP_ID.test(kafka.securityGroupId)) {
      problems.push(`kafka.securityGroupId must be a security group id (sg- and 8 or 17 hex digits); got '${kafka.securityGroupId}'`);
    }
    const port = kafka.port ?? 9094;
    if (!Token.isUnresolved(port) && (!Number.isInteger(port) || port < 1 || port > 65535)) {
      problems.push(`kafka.port must be a TCP port (1-65535); got ${port}`);
    }
    if (!Token.isUnresolved(props.s3PrefixListId) && !PREFIX_LIST_ID.test(props.s3PrefixListId)) {
      const region = Token.isUnresolved(Stack.of(this).region) ? '{region}' : Stack.of(this).region;
      problems.push(`s3PrefixListId must be the id of the prefix list com.amazonaws.${region}.s3 (pl- and 8 or 17 hex digits: aws ec2 `
        + `describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.${region}.s3); got '${props.s3PrefixListId}'`);
    }
    if (props.accountAudit === false && props.imageScanning === ImageScanning.ENHANCED) {
      problems.push('imageScanning ENHANCED is a setting of the account\'s registry: set it on the environment with accountAudit true '
        + 'in this account and region (or in the account itself); got accountAudit false');
    }
    PlatformError.throwAll(this, problems);
  }
}
