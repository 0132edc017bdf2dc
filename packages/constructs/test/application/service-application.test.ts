import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ComplianceGate, ServiceApplication } from '../../src';
import { PlatformError } from '../../src/errors';
import { connectionArnIn, definitionOf, descriptionOf, serviceSecretArn } from '../helpers/service-spec';
import { publicService } from '../service/fixtures';

/** The orders service in develop (the test account) and prod (an account and Region of its own). */
const PROD = { account: '222222222222', region: 'us-east-1' };
const orders = () => publicService({
  environments: {
    develop: { secrets: { DB_PASSWORD: serviceSecretArn('develop', 'orders') } },
    prod: { desiredCount: 2, secrets: { DB_PASSWORD: serviceSecretArn('prod', 'orders', 'db', PROD) } },
  },
});
const definition = () => definitionOf(orders(), ['develop', 'prod'], { prod: PROD });

/** The tags of a stack, as the cloud assembly hands them to CloudFormation. */
function stackTags(app: App, stack: Stack): { [key: string]: string } {
  return app.synth().getStackArtifact(stack.artifactId).tags;
}

describe('ServiceApplication', () => {
  test('adds a delivery and a runtime stack per environment of the definition, in the environment\'s account and Region', () => {
    const app = new App();
    const deployments = ServiceApplication.addStacks(app, definition());

    expect(deployments.map((d) => d.node.id)).toEqual(['orders-develop', 'orders-prod']);
    expect(deployments.map((d) => [d.deliveryStack.stackName, d.runtimeStack.stackName])).toEqual([
      ['orders-develop-delivery', 'orders-develop-runtime'],
      ['orders-prod-delivery', 'orders-prod-runtime'],
    ]);
    expect(deployments.map((d) => [d.runtimeStack.account, d.runtimeStack.region, d.deliveryStack.account, d.deliveryStack.region])).toEqual([
      ['111111111111', 'eu-west-1', '111111111111', 'eu-west-1'],
      ['222222222222', 'us-east-1', '222222222222', 'us-east-1'],
    ]);
    // the runtime stack reads the image-tag parameter the delivery stack creates
    for (const deployment of deployments) {
      expect(deployment.runtimeStack.dependencies).toEqual([deployment.deliveryStack]);
    }
    // production stacks are protected from deletion
    expect(deployments.map((d) => [d.deliveryStack.terminationProtection, d.runtimeStack.terminationProtection]))
      .toEqual([[false, false], [true, true]]);
  });

  test('each environment gets its spec: its settings, its secrets and its connection', () => {
    const app = new App();
    const [develop, prod] = ServiceApplication.addStacks(app, definition());

    expect([develop.service.desiredCount, prod.service.desiredCount]).toEqual([1, 2]);
    const secretOf = (stack: Stack) => Object.values(Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition'))[0]
      .Properties.ContainerDefinitions[0].Secrets.find((s: any) => s.Name === 'DB_PASSWORD').ValueFrom;
    expect(secretOf(develop.runtimeStack)).toBe(serviceSecretArn('develop', 'orders'));
    expect(secretOf(prod.runtimeStack)).toBe(serviceSecretArn('prod', 'orders', 'db', PROD));
    Template.fromStack(prod.deliveryStack).hasResourceProperties('AWS::CodePipeline::Pipeline', {
      Name: 'orders-prod',
      Stages: Match.arrayWith([Match.objectLike({
        Name: 'Source',
        Actions: [Match.objectLike({ Configuration: Match.objectLike({ ConnectionArn: connectionArnIn(PROD.account, PROD.region) }) })],
      })]),
    });
  });

  test('tags both stacks with the environment, the service\'s owner and cost center, the Compliance tag and the platform version', () => {
    const app = new App();
    const [develop] = ServiceApplication.addStacks(app, definition());

    for (const stack of [develop.deliveryStack, develop.runtimeStack]) {
      expect(stackTags(app, stack)).toEqual(expect.objectContaining({
        Environment: 'develop', Owner: 'orders-team', CostCenter: 'cc-1001', Compliance: 'nist-800-53-r5 soc2', PlatformVersion: '0.1.0',
      }));
    }
    // the owner and cost center reach the resources (which carry the Service tag themselves)
    Template.fromStack(develop.deliveryStack).hasResourceProperties('AWS::ECR::Repository', {
      Tags: Match.arrayWith([
        { Key: 'CostCenter', Value: 'cc-1001' }, { Key: 'Owner', Value: 'orders-team' }, { Key: 'Service', Value: 'orders' },
      ]),
    });
    Template.fromStack(develop.runtimeStack).hasResourceProperties('AWS::ECS::Service', {
      Tags: Match.arrayWith([{ Key: 'CostCenter', Value: 'cc-1001' }, { Key: 'Owner', Value: 'orders-team' }]),
    });
  });

  test('a service\'s stacks in every environment have zero open findings in every pack', () => {
    const app = new App();
    ServiceApplication.addStacks(app, definition());

    const report = ComplianceGate.check(app);

    expect(report.stacks).toHaveLength(4);
    expect(report.openFindings).toEqual([]);
    expect(report.unusedAcknowledgments).toEqual([]);
  });

  describe('fromFile', () => {
    const write = (description: unknown): string => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'service-')), 'service.json');
      fs.writeFileSync(file, JSON.stringify(description, undefined, 2));
      return file;
    };

    test('reads service.json and adds the stacks of each environment', () => {
      const app = new App();
      const deployments = ServiceApplication.fromFile(app, write(descriptionOf(orders(), ['develop', 'prod'], { prod: PROD })));

      expect(deployments.map((d) => d.runtimeStack.stackName)).toEqual(['orders-develop-runtime', 'orders-prod-runtime']);
    });

    test('refuses a description the model refuses, with the model\'s problems, naming the file', () => {
      const file = write(descriptionOf(publicService({ cpu: 300 }), ['develop']));

      let error: Error | undefined;
      try {
        ServiceApplication.fromFile(new App(), file);
      } catch (e) {
        error = e as Error;
      }
      expect(error).toBeInstanceOf(PlatformError);
      expect(error!.message).toContain(file);
      expect(error!.message).toMatch(/spec\.cpu must be one of 256, 512, 1024, 2048, 4096, 8192, 16384; got 300/);
    });

    test('refuses a file that cannot be read', () => {
      expect(() => ServiceApplication.fromFile(new App(), '/nonexistent/service.json')).toThrow(PlatformError);
    });
  });
});
