import { EnvironmentDeployment } from '@fargate-platform/environments';
import { ServiceDefinition } from '@fargate-platform/service-model';
import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The app a team would write for the same services without the platform: plain aws-cdk-lib,
 * no gates, the defaults CDK gives.
 *
 * Per environment, one shared stack: a VPC over the environment's zones (one NAT gateway), an
 * ECS cluster with Container Insights, one internet-facing ALB with one HTTPS listener (the
 * environment's certificate, 404 by default). Per service and environment, one stack: an ECR
 * repository, a log group, a Fargate task definition and service (circuit breaker with
 * rollback), CPU target tracking, and for a public service a target group with a path rule on
 * the shared listener. aws-ecs-patterns' load-balanced services are not used: each creates its
 * own load balancer or listener, so they cannot share one HTTPS listener by path.
 *
 * It does not shard: at 200 services its one listener holds every public service's rule.
 */
export function buildBaseline(app: App, definitions: ServiceDefinition[], deployments: EnvironmentDeployment[]): void {
  for (const d of deployments) {
    const env = { account: d.account, region: d.region };
    const shared = new Stack(app, `baseline-${d.profile.name}`, { env });
    const vpc = new ec2.Vpc(shared, 'Vpc', { availabilityZones: d.availabilityZones, natGateways: 1 });
    const cluster = new ecs.Cluster(shared, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENABLED });
    const loadBalancer = new elbv2.ApplicationLoadBalancer(shared, 'LoadBalancer', { vpc, internetFacing: true });
    const listener = loadBalancer.addListener('Https', {
      port: 443,
      certificates: [acm.Certificate.fromCertificateArn(shared, 'Certificate', d.certificateArn)],
      defaultAction: elbv2.ListenerAction.fixedResponse(404),
    });

    for (const spec of definitions.flatMap((def) => def.specs).filter((s) => s.environment === d.profile.name)) {
      const stack = new Stack(app, `baseline-${spec.name}-${d.profile.name}`, { env });
      const repository = new ecr.Repository(stack, 'Repository', { repositoryName: `${d.profile.name}/${spec.name}` });
      const logGroup = new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_MONTH });
      const taskDefinition = new ecs.FargateTaskDefinition(stack, 'TaskDefinition', { cpu: spec.cpu, memoryLimitMiB: spec.memoryLimitMiB });
      taskDefinition.addContainer('Container', {
        image: ecs.ContainerImage.fromEcrRepository(repository, 'latest'),
        portMappings: [{ containerPort: spec.containerPort }],
        logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: spec.name }),
        environment: spec.config,
      });
      const service = new ecs.FargateService(stack, 'Service', {
        cluster,
        taskDefinition,
        desiredCount: spec.desiredCount,
        minHealthyPercent: 100,
        circuitBreaker: { rollback: true },
      });
      service.autoScaleTaskCount({ minCapacity: spec.minCapacity, maxCapacity: spec.maxCapacity })
        .scaleOnCpuUtilization('CpuScaling', { targetUtilizationPercent: 70 });
      if (spec.route) {
        const targetGroup = new elbv2.ApplicationTargetGroup(stack, 'TargetGroup', {
          vpc,
          port: spec.containerPort,
          protocol: elbv2.ApplicationProtocol.HTTP,
          targets: [service],
          healthCheck: { path: spec.healthCheckPath ?? '/health' },
        });
        new elbv2.ApplicationListenerRule(stack, 'Rule', {
          listener,
          // One listener for every service: priorities are numbered across the fleet.
          priority: (spec.route.loadBalancer ?? 0) * 1000 + spec.route.priority,
          conditions: [elbv2.ListenerCondition.pathPatterns([spec.route.pathPattern])],
          action: elbv2.ListenerAction.forward([targetGroup]),
        });
      }
    }
  }
}
