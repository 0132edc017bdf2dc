import { ServiceSpec } from '@fargate-platform/service-model';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { IPlatformEnvironment } from '../../environment/environment-contract';

/** Ports internal services listen on (any service's container port): what callers in the fleet may reach. */
export const FLEET_PORTS = ec2.Port.tcpRange(1024, 65535);

/**
 * The security group of a service's tasks: nothing in or out unless listed.
 *
 * In: a public service admits only the load balancer's security group, an internal one the
 * fleet's service security group (every task carries it) and the Kafka brokers, always on
 * the container port only. Rules are added to this group alone; the load balancer's group
 * already reaches the VPC (the environment opens it once) and is never changed per service.
 *
 * Out: the Kafka brokers on the Kafka port, the fleet's internal services on their ports,
 * and HTTPS, which the task needs for ECR, Secrets Manager, SSM and CloudWatch Logs (through
 * the NAT gateways or VPC endpoints) and the service for the AWS APIs it calls. DNS needs no
 * rule: security groups do not filter traffic to the VPC's Route 53 Resolver.
 */
export function createServiceSecurityGroup(scope: Construct, environment: IPlatformEnvironment, spec: ServiceSpec): ec2.SecurityGroup {
  const group = new ec2.SecurityGroup(scope, 'SecurityGroup', {
    vpc: environment.vpc,
    description: `Tasks of the ${spec.name} service in ${environment.profile.name}`,
    allowAllOutbound: false,
  });
  const port = ec2.Port.tcp(spec.containerPort);
  if (spec.isPublic) {
    group.addIngressRule(environment.loadBalancerSecurityGroup, port, 'From the load balancer');
  } else {
    group.addIngressRule(environment.serviceSecurityGroup, port, 'From the services of the environment');
    group.addIngressRule(environment.kafkaSecurityGroup, port, 'From the Kafka brokers');
  }
  group.addEgressRule(environment.kafkaSecurityGroup, ec2.Port.tcp(environment.kafkaPort), 'To the Kafka brokers');
  group.addEgressRule(environment.serviceSecurityGroup, FLEET_PORTS, 'To the internal services of the environment');
  group.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to AWS APIs (ECR, Secrets Manager, SSM, Logs)');
  return group;
}
