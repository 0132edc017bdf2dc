import { Aws, CfnResource, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { Compliance } from '../compliance/acknowledgments';
import { PlatformError } from '../errors';
import { EnvironmentProfile } from './environment-profile';

/** Properties of an environment's network. */
export interface PlatformNetworkProps {
  readonly profile: EnvironmentProfile;
  /** Key of the flow-log group. */
  readonly logsKey: kms.IKey;
  /**
   * Availability zones to use, as many as the profile asks for.
   * @default - `{region}a`, `{region}b`, `{region}c` of the stack's region
   */
  readonly availabilityZones?: string[];
}

/**
 * The environment's VPC: a public and a private subnet in each availability zone, an
 * internet gateway, the profile's NAT gateways, flow logs to a KMS-encrypted log group,
 * network ACLs in front of both tiers, the default security group closed, no public IP on
 * launch in any subnet, and VPC endpoints for ECR, CloudWatch Logs, Secrets Manager, SSM
 * and S3 so that image pulls, logs and secrets do not cross the NAT gateways. The flow logs'
 * role trusts VPC Flow Logs of this account only (`aws:SourceAccount`, `aws:SourceArn`) and holds
 * a managed policy written here.
 */
export class PlatformNetwork extends Construct {
  /**
   * Record the availability zones of an account and region in the app's context, so that
   * synthesis never asks AWS for them (CDK checks a VPC's zones against the stack's, which
   * is a context lookup when the stack names its account). Call it on the App before any
   * stack is added.
   *
   * @param app the App (context cannot be set once it has children)
   * @param account the AWS account id
   * @param region the region
   * @param zones the zone names, e.g. us-east-1a, us-east-1b, us-east-1c
   */
  public static provideAvailabilityZones(app: Construct, account: string, region: string, zones: string[]): void {
    app.node.setContext(`availability-zones:account=${account}:region=${region}`, zones);
  }

  public readonly vpc: ec2.Vpc;
  public readonly flowLogGroup: logs.LogGroup;
  /** Security group of the interface endpoints: HTTPS from the VPC's own range. */
  public readonly endpointSecurityGroup: ec2.SecurityGroup;
  private readonly profile: EnvironmentProfile;

  constructor(scope: Construct, id: string, props: PlatformNetworkProps) {
    super(scope, id);
    const profile = props.profile;
    this.profile = profile;
    const prefix = Number(profile.vpcCidr.split('/')[1]);

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(profile.vpcCidr),
      availabilityZones: this.availabilityZones(props),
      natGateways: profile.natGateways,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      restrictDefaultSecurityGroup: true,
      subnetConfiguration: [
        // Load balancer and NAT gateways only; both get their own addresses, so nothing is assigned on launch.
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: prefix + 6, mapPublicIpOnLaunch: false },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: prefix + 3 },
      ],
    });

    this.flowLogGroup = new logs.LogGroup(this, 'FlowLogs', {
      retention: profile.logRetention,
      encryptionKey: props.logsKey,
    });
    this.addFlowLog();

    this.endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: `VPC endpoints of ${profile.name}: HTTPS from inside the VPC`,
      allowAllOutbound: false,
    });
    // The profile's literal range (not the VPC's attribute) so that every rule can be evaluated at synth time.
    this.endpointSecurityGroup.addIngressRule(ec2.Peer.ipv4(profile.vpcCidr), ec2.Port.tcp(443), 'HTTPS from the VPC');

    this.addNetworkAcls();
    this.addEndpoints();
    this.acknowledgePublicRoutes();
    this.acknowledgeDefaultSecurityGroupHandler();
  }

  /** All traffic of the VPC into the flow-log group, through a role that only VPC Flow Logs of this account can assume. */
  private addFlowLog(): void {
    const region = Stack.of(this).region;
    const role = new iam.Role(this, 'FlowLogRole', {
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
        ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:ec2:${region}:${Aws.ACCOUNT_ID}:vpc-flow-log/*` },
      }),
      description: `VPC Flow Logs of ${this.profile.name} deliver into their log group`,
    });
    const policy = new iam.ManagedPolicy(this, 'FlowLogPolicy', {
      description: `VPC Flow Logs of ${this.profile.name} write into their log group`,
      roles: [role],
      statements: [new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.flowLogGroup.logGroupArn] })],
    });
    const flowLog = new ec2.FlowLog(this, 'FlowLog', {
      resourceType: ec2.FlowLogResourceType.fromVpc(this.vpc),
      // Without policy updates: CDK would otherwise add an inline policy of its own to the role.
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.flowLogGroup, role.withoutPolicyUpdates()),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    flowLog.node.addDependency(policy);
  }

  /**
   * `restrictDefaultSecurityGroup` is implemented by a CDK custom resource whose Lambda removes
   * the default group's rules at deploy time. CDK declares the handler's DependsOn on its role
   * besides the GetAtt of the role's ARN; the redundant DependsOn is removed (the GetAtt orders them).
   */
  private acknowledgeDefaultSecurityGroupHandler(): void {
    const provider = Stack.of(this).node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
    const handler = provider?.node.tryFindChild('Handler');
    if (handler) {
      Compliance.acknowledge(handler, 'ControlTower-CT.LAMBDA.PR.3',
        'CDK\'s deploy-time handler that strips every rule from the VPC\'s default security group (restrictDefaultSecurityGroup); '
        + 'it runs only during CloudFormation deployments, calls only the EC2 API, and has no data or inbound path to protect with a VPC.');
      const role = provider?.node.tryFindChild('Role');
      if (role && CfnResource.isCfnResource(handler) && CfnResource.isCfnResource(role)) {
        handler.removeDependency(role);
      }
    }
  }

  private availabilityZones(props: PlatformNetworkProps): string[] {
    const count = props.profile.availabilityZones;
    if (props.availabilityZones) {
      PlatformError.assert(this, props.availabilityZones.length === count,
        `availabilityZones must list ${count} zones (the profile's availabilityZones); got ${props.availabilityZones.length}: ${props.availabilityZones.join(', ')}`);
      return props.availabilityZones;
    }
    const region = Stack.of(this).region;
    PlatformError.assert(this, !Token.isUnresolved(region),
      'the environment stack needs an explicit region (new Stack(app, id, { env: { region } })) to place its subnets in '
      + `${count} availability zones, or pass availabilityZones`);
    return ['a', 'b', 'c'].slice(0, count).map((suffix) => `${region}${suffix}`);
  }

  /** Stateless filters in front of each tier, on top of the security groups. */
  private addNetworkAcls(): void {
    const anywhere = ec2.AclCidr.anyIpv4();
    const vpcCidr = ec2.AclCidr.ipv4(this.profile.vpcCidr);
    // Return traffic arrives on ephemeral ports (1024-65535 through the NAT gateways); 3389 is
    // left out so that no rule admits RDP from the internet (Control Tower CT.EC2.PR.5).
    const below = ec2.AclTraffic.tcpPortRange(1024, 3388);
    const above = ec2.AclTraffic.tcpPortRange(3390, 65535);

    const publicAcl = new ec2.NetworkAcl(this, 'PublicAcl', { vpc: this.vpc, subnetSelection: { subnetType: ec2.SubnetType.PUBLIC } });
    publicAcl.addEntry('HttpsIn', { ruleNumber: 100, cidr: anywhere, traffic: ec2.AclTraffic.tcpPort(443), direction: ec2.TrafficDirection.INGRESS });
    publicAcl.addEntry('ReturnTrafficIn', { ruleNumber: 110, cidr: anywhere, traffic: below, direction: ec2.TrafficDirection.INGRESS });
    publicAcl.addEntry('ReturnTrafficInHigh', { ruleNumber: 111, cidr: anywhere, traffic: above, direction: ec2.TrafficDirection.INGRESS });
    publicAcl.addEntry('VpcIn', { ruleNumber: 120, cidr: vpcCidr, traffic: ec2.AclTraffic.allTraffic(), direction: ec2.TrafficDirection.INGRESS });
    publicAcl.addEntry('AllOut', { ruleNumber: 100, cidr: anywhere, traffic: ec2.AclTraffic.allTraffic(), direction: ec2.TrafficDirection.EGRESS });

    const privateAcl = new ec2.NetworkAcl(this, 'PrivateAcl', { vpc: this.vpc, subnetSelection: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS } });
    privateAcl.addEntry('VpcIn', { ruleNumber: 100, cidr: vpcCidr, traffic: ec2.AclTraffic.allTraffic(), direction: ec2.TrafficDirection.INGRESS });
    privateAcl.addEntry('ReturnTrafficIn', { ruleNumber: 110, cidr: anywhere, traffic: below, direction: ec2.TrafficDirection.INGRESS });
    privateAcl.addEntry('ReturnTrafficInHigh', { ruleNumber: 111, cidr: anywhere, traffic: above, direction: ec2.TrafficDirection.INGRESS });
    privateAcl.addEntry('AllOut', { ruleNumber: 100, cidr: anywhere, traffic: ec2.AclTraffic.allTraffic(), direction: ec2.TrafficDirection.EGRESS });
    for (const acl of [publicAcl, privateAcl]) {
      for (const part of acl.node.findAll().filter((c) => c instanceof ec2.CfnNetworkAcl || c instanceof ec2.CfnNetworkAclEntry)) {
        Compliance.acknowledge(part, 'AwsSolutions-VPC3',
          'The design asks for network ACLs as a stateless second layer behind the security groups (NIST SC-7 defence in '
          + 'depth); they only narrow what the security groups already allow.');
      }
    }
  }

  private addEndpoints(): void {
    const privateSubnets = { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
    const s3 = this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3, subnets: [privateSubnets] });
    // What tasks may do in S3 through the endpoint (the only way they reach S3): read image layers from ECR's layer bucket
    // of the Region, and use buckets of this account. No other account's bucket: no copy of data out through S3.
    s3.addToPolicy(new iam.PolicyStatement({
      sid: 'EcrImageLayers',
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:GetObject'],
      resources: [`arn:${Aws.PARTITION}:s3:::prod-${Aws.REGION}-starport-layer-bucket/*`],
    }));
    s3.addToPolicy(new iam.PolicyStatement({
      sid: 'BucketsOfThisAccount',
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: ['*'],
      conditions: { StringEquals: { 's3:ResourceAccount': Aws.ACCOUNT_ID } },
    }));
    const interfaces: Array<[string, ec2.InterfaceVpcEndpointAwsService]> = [
      ['EcrApi', ec2.InterfaceVpcEndpointAwsService.ECR],
      ['EcrDocker', ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER],
      ['Logs', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS],
      ['SecretsManager', ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
      ['Ssm', ec2.InterfaceVpcEndpointAwsService.SSM],
    ];
    for (const [name, service] of interfaces) {
      this.vpc.addInterfaceEndpoint(name, {
        service, subnets: privateSubnets, privateDnsEnabled: true, open: false, securityGroups: [this.endpointSecurityGroup],
      });
    }
  }

  /** A public subnet is defined by its default route to the internet gateway. */
  private acknowledgePublicRoutes(): void {
    for (const subnet of this.vpc.publicSubnets) {
      const route = subnet.node.findChild('DefaultRoute');
      for (const rule of ['NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW', 'HIPAA.Security-VPCNoUnrestrictedRouteToIGW', 'PCI.DSS.321-VPCNoUnrestrictedRouteToIGW']) {
        Compliance.acknowledge(route, rule,
          'Public subnets exist for the internet-facing load balancer and the NAT gateways, which need a route to the '
          + 'internet gateway; no task runs in them (services are placed in private subnets only) and the network ACL admits only HTTPS and return traffic.');
      }
    }
  }
}
