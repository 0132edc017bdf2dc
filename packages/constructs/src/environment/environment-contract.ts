import { Annotations, CfnDynamicReference, CfnDynamicReferenceService, Fn, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { PlatformError } from '../errors';
import { EnvironmentProfile } from './environment-profile';
import { MAX_LOAD_BALANCERS } from '../private/quotas';
import { httpsListenerEntry } from './private/load-balancer-entries';

/** The customer-managed keys of an environment, one per purpose. */
export interface EnvironmentKeys {
  /** Fargate ephemeral storage and ECS Exec sessions. */
  readonly ecs: kms.IKey;
  /** Container images. */
  readonly ecr: kms.IKey;
  /** Secrets Manager secrets and SSM SecureString parameters of the services. */
  readonly secrets: kms.IKey;
  /** CloudWatch Logs log groups (used by the logs service only). */
  readonly logs: kms.IKey;
  /** S3 buckets of the service pipelines (artifacts), used through S3 only. The audit data has a key of its own. */
  readonly storage: kms.IKey;
  /** SNS alerting topics (CloudWatch alarms, pipeline notifications publish to them). */
  readonly alerting: kms.IKey;
}

/**
 * What an environment offers the services that run on it. A `PlatformEnvironment`
 * implements it directly; `EnvironmentContract.import` implements it from the published
 * parameters, for a service app in another repository.
 */
export interface IPlatformEnvironment {
  /** The environment's settings. */
  readonly profile: EnvironmentProfile;
  readonly vpc: ec2.IVpc;
  readonly cluster: ecs.ICluster;
  /** The HTTPS (443) listener of the environment's (first) load balancer. */
  readonly httpsListener: elbv2.IApplicationListener;
  /** The load balancer's security group, the only source public services admit. */
  readonly loadBalancerSecurityGroup: ec2.ISecurityGroup;
  /** The DNS name of the load balancer. */
  readonly loadBalancerDnsName: string;
  /** Private DNS namespace `{environment}.internal`. */
  readonly namespace: servicediscovery.IPrivateDnsNamespace;
  /** Pages someone: service down, deployments failing. */
  readonly criticalTopic: sns.ITopic;
  /** Needs attention in working hours: high CPU, memory, unhealthy targets. */
  readonly warningTopic: sns.ITopic;
  /** Pipeline events and approval requests. */
  readonly pipelineTopic: sns.ITopic;
  readonly keys: EnvironmentKeys;
  /**
   * The security group of the VPC's interface endpoints (ECR, CloudWatch Logs, Secrets Manager,
   * SSM): service tasks reach the AWS APIs they need through it, on 443.
   */
  readonly endpointSecurityGroup: ec2.ISecurityGroup;
  /**
   * The AWS-managed prefix list of S3 in the environment's Region (`com.amazonaws.{region}.s3`),
   * the addresses the VPC's S3 gateway endpoint serves: tasks pull image layers from S3 through it.
   */
  readonly s3PrefixListId: string;
  /**
   * The environment's terminal log bucket (SSE-S3, as log delivery requires): the load balancers'
   * access logs and the S3 server access logs of the services' pipeline artifacts, which S3 may
   * deliver from this account's buckets under `SERVICE_ACCESS_LOGS_PREFIX`.
   */
  readonly accessLogsBucket: s3.IBucket;
  /** The Kafka brokers' security group: every service may reach it on the Kafka port. */
  readonly kafkaSecurityGroup: ec2.ISecurityGroup;
  /** The TLS port of the Kafka brokers. */
  readonly kafkaPort: number;
  /** SSM parameter holding the broker list (comma-separated), injected into containers as KAFKA_BROKERS. */
  readonly kafkaBrokersParameter: ssm.IStringParameter;

  /**
   * The HTTPS listener of one of the environment's load balancers, for a public service's
   * `route.loadBalancer`: 0 is `httpsListener`; the others exist when the fleet outgrows one
   * load balancer (100 rules and 100 target groups each). All of them share
   * `loadBalancerSecurityGroup`.
   *
   * @param loadBalancer index of the load balancer, from 0
   */
  httpsListenerOf(loadBalancer: number): elbv2.IApplicationListener;
}

/** The contract's entries, each published as `/fargate-platform/{environment}/{entry}`. */
enum Entry {
  VPC_ID = 'vpc-id',
  VPC_CIDR = 'vpc-cidr',
  AVAILABILITY_ZONES = 'availability-zones',
  PRIVATE_SUBNET_IDS = 'private-subnet-ids',
  PUBLIC_SUBNET_IDS = 'public-subnet-ids',
  CLUSTER_NAME = 'cluster-name',
  CLUSTER_ARN = 'cluster-arn',
  HTTPS_LISTENER_ARN = 'https-listener-arn',
  LOAD_BALANCER_SECURITY_GROUP_ID = 'load-balancer-security-group-id',
  LOAD_BALANCER_DNS_NAME = 'load-balancer-dns-name',
  NAMESPACE_ID = 'namespace-id',
  NAMESPACE_ARN = 'namespace-arn',
  NAMESPACE_NAME = 'namespace-name',
  CRITICAL_TOPIC_ARN = 'critical-topic-arn',
  WARNING_TOPIC_ARN = 'warning-topic-arn',
  PIPELINE_TOPIC_ARN = 'pipeline-topic-arn',
  ECS_KEY_ARN = 'ecs-key-arn',
  ECR_KEY_ARN = 'ecr-key-arn',
  SECRETS_KEY_ARN = 'secrets-key-arn',
  LOGS_KEY_ARN = 'logs-key-arn',
  STORAGE_KEY_ARN = 'storage-key-arn',
  ALERTING_KEY_ARN = 'alerting-key-arn',
  ENDPOINT_SECURITY_GROUP_ID = 'endpoint-security-group-id',
  S3_PREFIX_LIST_ID = 's3-prefix-list-id',
  ACCESS_LOGS_BUCKET_NAME = 'access-logs-bucket-name',
  KAFKA_SECURITY_GROUP_ID = 'kafka-security-group-id',
  KAFKA_PORT = 'kafka-port',
  KAFKA_BROKERS = 'kafka-brokers',
}

/**
 * How an environment publishes what services need, and how a service app attaches to it
 * without AWS access at synth time: every value is an SSM parameter that CloudFormation
 * resolves at deploy time (`fromLookup` is never used).
 */
export class EnvironmentContract {
  /** Prefix of every contract parameter. */
  public static readonly PARAMETER_PREFIX = '/fargate-platform';

  /**
   * Where in the environment's `accessLogsBucket` S3 may deliver the server access logs of this
   * account's other buckets (the services' pipeline artifacts), `s3-access/`.
   */
  public static readonly SERVICE_ACCESS_LOGS_PREFIX = 's3-access/';

  /** The entry of the Kafka broker list, which the environment creates itself. */
  public static readonly KAFKA_BROKERS_ENTRY: string = Entry.KAFKA_BROKERS;

  /**
   * Name of one contract parameter.
   *
   * @param environment the environment name
   * @param entry the entry, e.g. `vpc-id`
   */
  public static parameterName(environment: string, entry: string): string {
    return `${EnvironmentContract.PARAMETER_PREFIX}/${environment}/${entry}`;
  }

  /**
   * Publish an environment's contract as SSM parameters.
   *
   * @param scope where the parameters are created (the environment's stack)
   * @param environment the environment to publish
   */
  public static publish(scope: Construct, environment: IPlatformEnvironment): void {
    const env = environment.profile.name;
    // kafka-brokers is created by the environment itself (kafkaBrokersParameter): services read it directly.
    const values: Record<Exclude<Entry, Entry.KAFKA_BROKERS>, string> = {
      [Entry.VPC_ID]: environment.vpc.vpcId,
      [Entry.VPC_CIDR]: environment.vpc.vpcCidrBlock,
      [Entry.AVAILABILITY_ZONES]: Fn.join(',', environment.vpc.availabilityZones),
      [Entry.PRIVATE_SUBNET_IDS]: Fn.join(',', environment.vpc.privateSubnets.map((s) => s.subnetId)),
      [Entry.PUBLIC_SUBNET_IDS]: Fn.join(',', environment.vpc.publicSubnets.map((s) => s.subnetId)),
      [Entry.CLUSTER_NAME]: environment.cluster.clusterName,
      [Entry.CLUSTER_ARN]: environment.cluster.clusterArn,
      [Entry.HTTPS_LISTENER_ARN]: environment.httpsListener.listenerArn,
      [Entry.LOAD_BALANCER_SECURITY_GROUP_ID]: environment.loadBalancerSecurityGroup.securityGroupId,
      [Entry.LOAD_BALANCER_DNS_NAME]: environment.loadBalancerDnsName,
      [Entry.NAMESPACE_ID]: environment.namespace.namespaceId,
      [Entry.NAMESPACE_ARN]: environment.namespace.namespaceArn,
      [Entry.NAMESPACE_NAME]: environment.namespace.namespaceName,
      [Entry.CRITICAL_TOPIC_ARN]: environment.criticalTopic.topicArn,
      [Entry.WARNING_TOPIC_ARN]: environment.warningTopic.topicArn,
      [Entry.PIPELINE_TOPIC_ARN]: environment.pipelineTopic.topicArn,
      [Entry.ECS_KEY_ARN]: environment.keys.ecs.keyArn,
      [Entry.ECR_KEY_ARN]: environment.keys.ecr.keyArn,
      [Entry.SECRETS_KEY_ARN]: environment.keys.secrets.keyArn,
      [Entry.LOGS_KEY_ARN]: environment.keys.logs.keyArn,
      [Entry.STORAGE_KEY_ARN]: environment.keys.storage.keyArn,
      [Entry.ALERTING_KEY_ARN]: environment.keys.alerting.keyArn,
      [Entry.ENDPOINT_SECURITY_GROUP_ID]: environment.endpointSecurityGroup.securityGroupId,
      [Entry.S3_PREFIX_LIST_ID]: environment.s3PrefixListId,
      [Entry.ACCESS_LOGS_BUCKET_NAME]: environment.accessLogsBucket.bucketName,
      [Entry.KAFKA_SECURITY_GROUP_ID]: environment.kafkaSecurityGroup.securityGroupId,
      [Entry.KAFKA_PORT]: Token.isUnresolved(environment.kafkaPort) ? Token.asString(environment.kafkaPort) : String(environment.kafkaPort),
    };
    const contract = new Construct(scope, 'Contract');
    for (const [entry, value] of Object.entries(values)) {
      new ssm.StringParameter(contract, entry, {
        parameterName: EnvironmentContract.parameterName(env, entry),
        stringValue: value,
        description: `Fargate platform contract of ${env}: ${entry}`,
      });
    }
  }

  /**
   * Attach to a published environment, from a service app in any repository.
   *
   * Every value is resolved by CloudFormation at deploy time, from the parameters
   * `publish` wrote; nothing here calls AWS at synth time. Each reference is created when it is
   * first read, so a stack imports only the parameters it uses (CloudFormation's linter flags
   * an unused parameter, and each costs one of the stack's 200).
   *
   * @param scope where the imported references live (the service's stack)
   * @param id construct id
   * @param profile the environment's profile (its name locates the parameters)
   */
  public static import(scope: Construct, id: string, profile: EnvironmentProfile): IPlatformEnvironment {
    const imported = new ImportedEnvironment(new Construct(scope, id), profile);
    // Enumerable getters, so that a copy (`{ ...environment, profile }`) still has every member (made then).
    return {
      profile,
      get vpc() { return imported.vpc; },
      get cluster() { return imported.cluster; },
      get httpsListener() { return imported.httpsListener; },
      get loadBalancerSecurityGroup() { return imported.loadBalancerSecurityGroup; },
      get loadBalancerDnsName() { return imported.loadBalancerDnsName; },
      get namespace() { return imported.namespace; },
      get criticalTopic() { return imported.criticalTopic; },
      get warningTopic() { return imported.warningTopic; },
      get pipelineTopic() { return imported.pipelineTopic; },
      get keys() { return imported.keys; },
      get endpointSecurityGroup() { return imported.endpointSecurityGroup; },
      get s3PrefixListId() { return imported.s3PrefixListId; },
      get accessLogsBucket() { return imported.accessLogsBucket; },
      get kafkaSecurityGroup() { return imported.kafkaSecurityGroup; },
      get kafkaPort() { return imported.kafkaPort; },
      get kafkaBrokersParameter() { return imported.kafkaBrokersParameter; },
      // Load balancer 0 is whatever `httpsListener` this object holds (a copy may replace it).
      httpsListenerOf(loadBalancer: number): elbv2.IApplicationListener {
        return loadBalancer === 0 ? this.httpsListener : imported.httpsListenerOf(loadBalancer);
      },
    };
  }

  private constructor() {}
}

/** A value computed once, when first read. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

/**
 * An object that stands for the one `make` returns, made when a property of it is first read: a
 * reference handed to a construct that may never use it (an imported cluster's VPC) adds nothing
 * to the template until it is used.
 */
function deferred<T extends object>(make: () => T): T {
  const target = once(make);
  return new Proxy({} as T, {
    get: (_, property) => {
      const value = Reflect.get(target(), property);
      return typeof value === 'function' ? value.bind(target()) : value;
    },
    has: (_, property) => Reflect.has(target(), property),
    getPrototypeOf: () => Reflect.getPrototypeOf(target()),
    ownKeys: () => Reflect.ownKeys(target()),
    getOwnPropertyDescriptor: (_, property) => Reflect.getOwnPropertyDescriptor(target(), property),
  });
}

/** An environment attached through its contract; each reference (and its parameter) made on first use. */
class ImportedEnvironment {
  private readonly listeners = new Map<number, elbv2.IApplicationListener>();
  private readonly vpcOnce: () => ec2.IVpc;
  private readonly loadBalancerSecurityGroupOnce: () => ec2.ISecurityGroup;
  private readonly clusterOnce: () => ecs.ICluster;
  private readonly httpsListenerOnce: () => elbv2.IApplicationListener;
  private readonly namespaceOnce: () => servicediscovery.IPrivateDnsNamespace;
  private readonly topics: Record<'critical' | 'warning' | 'pipeline', () => sns.ITopic>;
  private readonly keysOnce: () => EnvironmentKeys;
  private readonly endpointSecurityGroupOnce: () => ec2.ISecurityGroup;
  private readonly s3PrefixListIdOnce: () => string;
  private readonly accessLogsBucketOnce: () => s3.IBucket;
  private readonly kafkaSecurityGroupOnce: () => ec2.ISecurityGroup;
  private readonly kafkaPortOnce: () => number;
  private readonly kafkaBrokersOnce: () => ssm.IStringParameter;
  private readonly loadBalancerDnsNameOnce: () => string;

  constructor(private readonly root: Construct, public readonly profile: EnvironmentProfile) {
    const value = (entry: Entry): string => ssm.StringParameter.valueForStringParameter(root, this.parameter(entry));
    const list = (entry: Entry): string[] => Fn.split(',', value(entry), profile.availabilityZones);
    this.vpcOnce = once(() => {
      // Services place tasks in the private subnets only, and never read the VPC's CIDR or the
      // subnets' zones: those entries stay out of service stacks. A construct that reads a zone
      // gets this error at synth time rather than a value nobody checked.
      const zone = Lazy.string({
        produce: () => {
          throw new PlatformError(root, 'the availability zones of an imported environment are not part of the service stacks\' contract; '
            + `read them from the environment's /fargate-platform/${profile.name}/${Entry.AVAILABILITY_ZONES} parameter`);
        },
      });
      const vpc = ec2.Vpc.fromVpcAttributes(root, 'Vpc', {
        vpcId: value(Entry.VPC_ID),
        availabilityZones: Array.from({ length: profile.availabilityZones }, () => zone),
        privateSubnetIds: list(Entry.PRIVATE_SUBNET_IDS),
      });
      Annotations.of(vpc).acknowledgeWarning('@aws-cdk/aws-ec2:noSubnetRouteTableId',
        'Services place tasks and endpoints in the subnets; they never add routes, so the route tables are not part of the contract.');
      return vpc;
    });
    this.loadBalancerSecurityGroupOnce = once(() => ec2.SecurityGroup.fromSecurityGroupId(root, 'LoadBalancerSecurityGroup',
      value(Entry.LOAD_BALANCER_SECURITY_GROUP_ID), { allowAllOutbound: false, mutable: false }));
    this.clusterOnce = once(() => ecs.Cluster.fromClusterAttributes(root, 'Cluster', {
      // The ARN follows from the name (arn:aws:ecs:{region}:{account}:cluster/{name}).
      clusterName: value(Entry.CLUSTER_NAME),
      // A delivery stack names the cluster but never places tasks: the VPC is imported when a service reads it.
      vpc: deferred(() => this.vpc),
      securityGroups: [],
    }));
    this.httpsListenerOnce = once(() => elbv2.ApplicationListener.fromApplicationListenerAttributes(root, 'HttpsListener', {
      listenerArn: value(Entry.HTTPS_LISTENER_ARN),
      securityGroup: this.loadBalancerSecurityGroup,
    }));
    this.namespaceOnce = once(() => {
      const namespaceId = value(Entry.NAMESPACE_ID);
      return servicediscovery.PrivateDnsNamespace.fromPrivateDnsNamespaceAttributes(root, 'Namespace', {
        namespaceId,
        // The ARN follows from the id: one parameter fewer.
        namespaceArn: Stack.of(root).formatArn({ service: 'servicediscovery', resource: 'namespace', resourceName: namespaceId }),
        namespaceName: `${profile.name}.internal`,
      });
    });
    const topic = (name: string, entry: Entry) => once(() => sns.Topic.fromTopicArn(root, `${name}Topic`, value(entry)));
    this.topics = {
      critical: topic('Critical', Entry.CRITICAL_TOPIC_ARN),
      warning: topic('Warning', Entry.WARNING_TOPIC_ARN),
      pipeline: topic('Pipeline', Entry.PIPELINE_TOPIC_ARN),
    };
    const key = (name: string, entry: Entry) => once(() => kms.Key.fromKeyArn(root, `${name}Key`, value(entry)));
    // The Control Tower rule CT.CLOUDWATCH.PR.3 reads a log group's KmsKeyId only as a string or a reference to a
    // resource of the template, and takes a Ref to a template parameter for no key: the logs key is read through
    // a dynamic reference {{resolve:ssm:...}}, which CloudFormation resolves from the same parameter when it deploys.
    const logsKey = once(() => kms.Key.fromKeyArn(root, 'LogsKey',
      new CfnDynamicReference(CfnDynamicReferenceService.SSM, this.parameter(Entry.LOGS_KEY_ARN)).toString()));
    const keys = {
      ecs: key('Ecs', Entry.ECS_KEY_ARN),
      ecr: key('Ecr', Entry.ECR_KEY_ARN),
      secrets: key('Secrets', Entry.SECRETS_KEY_ARN),
      logs: logsKey,
      storage: key('Storage', Entry.STORAGE_KEY_ARN),
      alerting: key('Alerting', Entry.ALERTING_KEY_ARN),
    };
    // Enumerable getters: `{ ...environment.keys, logs }` still holds every key.
    this.keysOnce = once(() => ({
      get ecs() { return keys.ecs(); },
      get ecr() { return keys.ecr(); },
      get secrets() { return keys.secrets(); },
      get logs() { return keys.logs(); },
      get storage() { return keys.storage(); },
      get alerting() { return keys.alerting(); },
    }));
    this.endpointSecurityGroupOnce = once(() => ec2.SecurityGroup.fromSecurityGroupId(root, 'EndpointSecurityGroup',
      value(Entry.ENDPOINT_SECURITY_GROUP_ID), { mutable: false }));
    this.s3PrefixListIdOnce = once(() => value(Entry.S3_PREFIX_LIST_ID));
    // Read like the logs key (a dynamic reference, not a template parameter): the Control Tower validator fails on a
    // LoggingConfiguration whose DestinationBucketName is a Ref to a parameter (cdk-validator-cfnguard 0.0.62).
    this.accessLogsBucketOnce = once(() => s3.Bucket.fromBucketName(root, 'AccessLogsBucket',
      new CfnDynamicReference(CfnDynamicReferenceService.SSM, this.parameter(Entry.ACCESS_LOGS_BUCKET_NAME)).toString()));
    this.kafkaSecurityGroupOnce = once(() => ec2.SecurityGroup.fromSecurityGroupId(root, 'KafkaSecurityGroup',
      value(Entry.KAFKA_SECURITY_GROUP_ID), { mutable: false }));
    this.kafkaPortOnce = once(() => Token.asNumber(value(Entry.KAFKA_PORT)));
    // Services pass the parameter to their containers by ARN: its value is read (by dynamic reference) only if a construct asks for it.
    this.kafkaBrokersOnce = once(() => ssm.StringParameter.fromStringParameterAttributes(root, 'KafkaBrokers', {
      parameterName: this.parameter(Entry.KAFKA_BROKERS),
      forceDynamicReference: true,
    }));
    this.loadBalancerDnsNameOnce = once(() => value(Entry.LOAD_BALANCER_DNS_NAME));
  }

  public get vpc(): ec2.IVpc { return this.vpcOnce(); }
  public get cluster(): ecs.ICluster { return this.clusterOnce(); }
  public get httpsListener(): elbv2.IApplicationListener { return this.httpsListenerOnce(); }
  public get loadBalancerSecurityGroup(): ec2.ISecurityGroup { return this.loadBalancerSecurityGroupOnce(); }
  public get loadBalancerDnsName(): string { return this.loadBalancerDnsNameOnce(); }
  public get namespace(): servicediscovery.IPrivateDnsNamespace { return this.namespaceOnce(); }
  public get criticalTopic(): sns.ITopic { return this.topics.critical(); }
  public get warningTopic(): sns.ITopic { return this.topics.warning(); }
  public get pipelineTopic(): sns.ITopic { return this.topics.pipeline(); }
  public get keys(): EnvironmentKeys { return this.keysOnce(); }
  public get endpointSecurityGroup(): ec2.ISecurityGroup { return this.endpointSecurityGroupOnce(); }
  public get s3PrefixListId(): string { return this.s3PrefixListIdOnce(); }
  public get accessLogsBucket(): s3.IBucket { return this.accessLogsBucketOnce(); }
  public get kafkaSecurityGroup(): ec2.ISecurityGroup { return this.kafkaSecurityGroupOnce(); }
  public get kafkaPort(): number { return this.kafkaPortOnce(); }
  public get kafkaBrokersParameter(): ssm.IStringParameter { return this.kafkaBrokersOnce(); }

  public httpsListenerOf(loadBalancer: number): elbv2.IApplicationListener {
    if (loadBalancer === 0) {
      return this.httpsListener;
    }
    PlatformError.assert(this.root, Number.isInteger(loadBalancer) && loadBalancer >= 1 && loadBalancer < MAX_LOAD_BALANCERS,
      `loadBalancer must be an integer from 0 to ${MAX_LOAD_BALANCERS - 1} (the environment's load balancers, counted from 0); got ${loadBalancer}`);
    let listener = this.listeners.get(loadBalancer);
    if (!listener) {
      listener = elbv2.ApplicationListener.fromApplicationListenerAttributes(this.root, `HttpsListener${loadBalancer}`, {
        listenerArn: ssm.StringParameter.valueForStringParameter(this.root, this.parameter(httpsListenerEntry(loadBalancer))),
        securityGroup: this.loadBalancerSecurityGroup,
      });
      this.listeners.set(loadBalancer, listener);
    }
    return listener;
  }

  private parameter(entry: string): string {
    return EnvironmentContract.parameterName(this.profile.name, entry);
  }
}
