import { ServiceNames, ServiceSpec } from '@fargate-platform/service-model';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { IPlatformEnvironment } from '../../environment/environment-contract';

/** A service's tasks' security groups: their own first, then the callers group of each service they call. */
export interface ServiceNetwork {
  /** The tasks' own group. */
  readonly securityGroup: ec2.SecurityGroup;
  /** Every group the tasks carry. */
  readonly taskSecurityGroups: ec2.ISecurityGroup[];
  /**
   * An internal service's callers group: the tasks of every service that calls it carry it, and it
   * alone is admitted by this service's tasks.
   */
  readonly callersSecurityGroup?: ec2.SecurityGroup;
}

/**
 * The security groups of a service's tasks: nothing in or out unless listed.
 *
 * Out: HTTPS to the VPC's interface endpoints (ECR, CloudWatch Logs, Secrets Manager, SSM) and to
 * S3's addresses (the prefix list the S3 gateway endpoint serves: image layers), the Kafka brokers
 * on the Kafka port, and nothing else: no address outside the VPC. DNS needs no rule: security
 * groups do not filter traffic to the VPC's Route 53 Resolver.
 *
 * In: a public service admits the load balancer's group on the container port. An internal
 * service creates a callers group, which has no members of its own and one egress rule, to this
 * service's tasks on the container port; its tasks admit that group only. A service that calls it
 * (`calls` in its description) attaches the callers group to its tasks, read from the parameter
 * this service publishes (`callersSecurityGroupParameterName`), so the callee must be deployed to
 * the environment first. The rules of both groups live in the callee's stack: a caller's stack
 * never changes another service's groups.
 */
export function createServiceNetwork(scope: Construct, environment: IPlatformEnvironment, spec: ServiceSpec): ServiceNetwork {
  const group = new ec2.SecurityGroup(scope, 'SecurityGroup', {
    vpc: environment.vpc,
    description: `Tasks of the ${spec.name} service in ${environment.profile.name}`,
    allowAllOutbound: false,
  });
  const port = ec2.Port.tcp(spec.containerPort);
  group.addEgressRule(environment.endpointSecurityGroup, ec2.Port.tcp(443), 'HTTPS to the VPC interface endpoints (ECR, Logs, Secrets Manager, SSM)');
  group.addEgressRule(ec2.Peer.prefixList(environment.s3PrefixListId), ec2.Port.tcp(443), 'HTTPS to S3 through the gateway endpoint (image layers)');
  group.addEgressRule(environment.kafkaSecurityGroup, ec2.Port.tcp(environment.kafkaPort), 'To the Kafka brokers');

  let callersSecurityGroup: ec2.SecurityGroup | undefined;
  if (spec.isPublic) {
    group.addIngressRule(environment.loadBalancerSecurityGroup, port, 'From the load balancer');
  } else {
    callersSecurityGroup = new ec2.SecurityGroup(scope, 'CallersSecurityGroup', {
      vpc: environment.vpc,
      description: `Carried by the tasks of the services that call ${spec.name} in ${environment.profile.name}`,
      allowAllOutbound: false,
    });
    callersSecurityGroup.addEgressRule(group, port, `To the ${spec.name} service`);
    group.addIngressRule(callersSecurityGroup, port, `From the services that call ${spec.name}`);
    new ssm.StringParameter(scope, 'CallersSecurityGroupParameter', {
      parameterName: spec.names.callersSecurityGroupParameterName,
      stringValue: callersSecurityGroup.securityGroupId,
      description: `The security group the callers of ${spec.name} in ${environment.profile.name} attach to their tasks`,
    });
  }

  const called = spec.calls.map((callee) => ec2.SecurityGroup.fromSecurityGroupId(scope, `Calls-${callee}`,
    ssm.StringParameter.valueForStringParameter(scope, ServiceNames.of(callee, spec.environment).callersSecurityGroupParameterName),
    { mutable: false, allowAllOutbound: false }));
  return { securityGroup: group, taskSecurityGroups: [group, ...called], callersSecurityGroup };
}
