import { ServiceSpec } from '@fargate-platform/service-model';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { IPlatformEnvironment } from '../environment/environment-contract';
import { PlatformError } from '../errors';
import { capacityProviderStrategies, ServiceCapacity, serviceCapacity } from './private/capacity';
import { containerSecrets } from './private/container-secrets';
import { ServiceMonitoring } from './private/service-monitoring';
import { createServiceNetwork } from './private/service-network';
import { createServiceRoles } from './private/service-roles';
import { createPublicRoute } from './private/service-routing';
import { tagService } from './private/service-tags';

/** Properties of a `PlatformService`. */
export interface PlatformServiceProps {
  /** The environment the service runs on: a `PlatformEnvironment`, or `EnvironmentContract.import(...)`. */
  readonly environment: IPlatformEnvironment;
  /** What the service is in this environment: parsed by `ServiceDefinition` (service.json), not written by hand. */
  readonly spec: ServiceSpec;
  /**
   * The service's image repository, created by a `ServiceRepository` in the delivery stack.
   * @default - the repository `spec.names.repositoryName`, imported by name
   */
  readonly repository?: ecr.IRepository;
}

/**
 * A service of the fleet on an environment: task definition, Fargate service, roles,
 * security group, scaling, routing (public) or service discovery (internal), alarms and a
 * dashboard, all derived from a `ServiceSpec` (parsed and checked by the service model) and
 * the environment's profile.
 *
 * - The image is `{repository}:{tag}`, the tag read at deploy time from the parameter the
 *   pipeline writes (`spec.names.imageTagParameterName`): an infrastructure deploy
 *   never reverts the image the pipeline deployed.
 * - Configuration never reaches the container as a plain environment variable: runtime
 *   defaults and `spec.config` become SSM parameters
 *   `/fargate-platform/{env}/services/{service}/config/{VAR}`, `spec.secrets` are Secrets
 *   Manager references, `KAFKA_BROKERS` is the environment's parameter; all go through the
 *   container's `secrets`.
 * - The container runs as uid 1000 on a read-only root filesystem (with a writable `/tmp`),
 *   logs to `/ecs/{environment}/{service}`, encrypted with the environment's logs key.
 * - The desired count and the scaling minimum are raised to the profile's `minTasks`;
 *   deployments keep 100% healthy, stop on the circuit breaker or the task-failure alarm,
 *   and roll back. ECS Exec stays off: its `ssmmessages` actions cannot be scoped.
 *
 * @example
 * declare const environment: platform.IPlatformEnvironment;
 * const orders = model.ServiceDefinition.fromFile('service.json');
 * new platform.PlatformService(this, 'Orders', { environment, spec: orders.specFor('develop') });
 */
export class PlatformService extends Construct {
  /**
   * Requests per task per minute a public service's scaling keeps (target tracking on the target
   * group's RequestCountPerTarget), besides CPU at 70 % and memory at 75 %.
   */
  public static readonly REQUESTS_PER_TASK_PER_MINUTE = 1000;

  /** The Fargate service. */
  public readonly service: ecs.FargateService;
  /** ARN of the ECS service. */
  public readonly serviceArn: string;
  /** Name of the ECS service: the spec's name. */
  public readonly serviceName: string;
  /** The task definition, family `{service}-{environment}`. */
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The service's container (named after the service). */
  public readonly container: ecs.ContainerDefinition;
  /** The image repository the task pulls from. */
  public readonly repository: ecr.IRepository;
  /** URI of the image repository. */
  public readonly repositoryUri: string;
  /** The role of the application: grant it what the service needs. */
  public readonly taskRole: iam.IRole;
  /** ARN of the task role. */
  public readonly taskRoleArn: string;
  /** The role ECS starts the tasks with (`{service}-{environment}-execution`). */
  public readonly executionRole: iam.IRole;
  /** The service's own security group. */
  public readonly securityGroup: ec2.ISecurityGroup;
  /** ID of the service's own security group. */
  public readonly securityGroupId: string;
  /**
   * An internal service's callers group: the services that call this one (`calls`) attach it to
   * their tasks, and it is the only group this service's tasks admit.
   * @default - none: a public service admits the load balancer only
   */
  public readonly callersSecurityGroup?: ec2.ISecurityGroup;
  /** The container's log group, `/ecs/{environment}/{service}`. */
  public readonly logGroup: logs.ILogGroup;
  /** The load balancer target group (public services only). */
  public readonly targetGroup?: elbv2.IApplicationTargetGroup;
  /** The Cloud Map service `{service}.{environment}.internal` (internal services only). */
  public readonly cloudMapService?: servicediscovery.IService;
  /** Alarms that page (critical topic) and roll deployments back. */
  public readonly criticalAlarms: cloudwatch.IAlarm[];
  /** Alarms that notify the warning topic. */
  public readonly warningAlarms: cloudwatch.IAlarm[];
  /** The service's dashboard, `{service}-{environment}`. */
  public readonly dashboard: cloudwatch.Dashboard;
  /** Tasks the service runs: the spec's desired count, raised to the environment's `minTasks`. */
  public readonly desiredCount: number;
  /** Scaling lower bound, raised to the environment's `minTasks`. */
  public readonly minCapacity: number;
  /** Scaling upper bound: the spec's (default twice the desired count), at least the desired count. */
  public readonly maxCapacity: number;

  constructor(scope: Construct, id: string, props: PlatformServiceProps) {
    super(scope, id);
    const { environment, spec } = props;
    PlatformError.assert(this, spec.environment === environment.profile.name,
      `spec is the service in '${spec.environment}' but the environment is '${environment.profile.name}': `
      + `take the spec of that environment (ServiceDefinition.specFor('${environment.profile.name}'))`);
    const names = spec.names;
    const defaults = spec.runtimeDefaults;
    const healthCheckPath = spec.healthCheckPath;
    const capacity: ServiceCapacity = serviceCapacity(spec, environment.profile);
    this.desiredCount = capacity.desiredCount;
    this.minCapacity = capacity.minCapacity;
    this.maxCapacity = capacity.maxCapacity;

    this.repository = props.repository
      ?? ecr.Repository.fromRepositoryName(this, 'Repository', names.repositoryName);
    this.repositoryUri = this.repository.repositoryUri;
    const imageTag = ssm.StringParameter.valueForStringParameter(this, names.imageTagParameterName);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: names.logGroupName,
      retention: environment.profile.logRetention,
      encryptionKey: environment.keys.logs,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const secrets = containerSecrets(this, environment, spec);
    const roles = createServiceRoles(this, {
      environment, spec, repository: this.repository, logGroup: this.logGroup, parameters: secrets.parameters, secrets: secrets.secretReferences,
    });
    this.executionRole = roles.executionRole;
    this.taskRole = roles.taskRole;
    this.taskRoleArn = roles.taskRole.roleArn;

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      family: names.prefix,
      cpu: spec.cpu,
      memoryLimitMiB: spec.memoryLimitMiB,
      executionRole: roles.executionRole,
      taskRole: roles.taskRole,
      runtimePlatform: { operatingSystemFamily: ecs.OperatingSystemFamily.LINUX, cpuArchitecture: ecs.CpuArchitecture.X86_64 },
    });
    this.container = this.taskDefinition.addContainer('Container', {
      containerName: spec.name,
      image: ecs.ContainerImage.fromEcrRepository(this.repository, imageTag),
      essential: true,
      memoryLimitMiB: spec.memoryLimitMiB,
      portMappings: [{ containerPort: spec.containerPort, protocol: ecs.Protocol.TCP }],
      secrets: secrets.containerSecrets,
      user: defaults.user,
      readonlyRootFilesystem: true,
      privileged: false,
      healthCheck: {
        command: ['CMD-SHELL', defaults.healthCheckCommand(spec.containerPort, healthCheckPath)],
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(60),
      },
      logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: 'ecs' }),
    });
    defaults.writablePaths.forEach((path, i) => {
      const volume = `writable-${i}`;
      this.taskDefinition.addVolume({ name: volume });
      this.container.addMountPoints({ sourceVolume: volume, containerPath: path, readOnly: false });
    });

    const network = createServiceNetwork(this, environment, spec);
    this.securityGroup = network.securityGroup;
    this.securityGroupId = network.securityGroup.securityGroupId;
    this.callersSecurityGroup = network.callersSecurityGroup;

    const isPublic = spec.isPublic;
    const route = isPublic ? createPublicRoute(this, environment, spec, healthCheckPath) : undefined;
    const targetGroup = route?.targetGroup;
    const monitoring = new ServiceMonitoring(this, 'Monitoring', {
      environment,
      names,
      targetGroupFullName: targetGroup?.targetGroupFullName,
      listenerArn: route?.listener.listenerArn,
    });

    this.service = new ecs.FargateService(this, 'Resource', {
      serviceName: spec.name,
      cluster: environment.cluster,
      taskDefinition: this.taskDefinition,
      desiredCount: capacity.desiredCount,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      deploymentAlarms: {
        alarmNames: monitoring.critical.map((a) => a.alarmName),
        behavior: ecs.AlarmBehavior.ROLLBACK_ON_ALARM,
      },
      capacityProviderStrategies: capacityProviderStrategies(environment.profile.fargateSpotPercent),
      vpcSubnets: { subnets: environment.vpc.privateSubnets },
      assignPublicIp: false,
      securityGroups: network.taskSecurityGroups,
      enableExecuteCommand: false,
      propagateTags: ecs.PropagatedTagSource.SERVICE,
      enableECSManagedTags: true,
      healthCheckGracePeriod: isPublic ? Duration.seconds(60) : undefined,
      cloudMapOptions: isPublic ? undefined : {
        cloudMapNamespace: environment.namespace,
        name: spec.name,
        dnsRecordType: servicediscovery.DnsRecordType.A,
        dnsTtl: Duration.seconds(10),
      },
    });
    roles.policies.forEach((policy) => this.service.node.addDependency(policy));
    this.serviceArn = this.service.serviceArn;
    this.serviceName = this.service.serviceName;
    this.cloudMapService = this.service.cloudMapService;

    if (targetGroup) {
      // Registered the way CDK registers network targets: without connection rules. CDK would otherwise open the
      // load balancer's group (egress) and the fleet's group (ingress), which the environment owns; the service's
      // own group admits the load balancer on the container port (see createServiceNetwork).
      const target = this.service.loadBalancerTarget({ containerName: spec.name, containerPort: spec.containerPort });
      targetGroup.addTarget({
        attachToApplicationTargetGroup: (group) => target.attachToNetworkTargetGroup(group as unknown as elbv2.INetworkTargetGroup),
      });
      this.targetGroup = targetGroup;
    }

    const scaling = this.service.autoScaleTaskCount({ minCapacity: capacity.minCapacity, maxCapacity: capacity.maxCapacity });
    scaling.scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: 70 });
    scaling.scaleOnMemoryUtilization('MemoryScaling', { targetUtilizationPercent: 75 });
    if (targetGroup) {
      // The load that matters to a public service: requests per task, from its target group. Out fast, in slowly; the
      // bounds are the profile's (above). Target tracking scales out when any policy asks and in only when all agree.
      scaling.scaleToTrackCustomMetric('RequestScaling', {
        metric: new cloudwatch.Metric({
          namespace: 'AWS/ApplicationELB',
          metricName: 'RequestCountPerTarget',
          dimensionsMap: { TargetGroup: targetGroup.targetGroupFullName },
          statistic: cloudwatch.Stats.SUM,
          period: Duration.minutes(1),
        }),
        targetValue: PlatformService.REQUESTS_PER_TASK_PER_MINUTE,
        scaleOutCooldown: Duration.minutes(1),
        scaleInCooldown: Duration.minutes(5),
      });
    }

    this.criticalAlarms = monitoring.critical;
    this.warningAlarms = monitoring.warning;
    this.dashboard = monitoring.dashboard;

    tagService(this, spec.name);
  }
}
