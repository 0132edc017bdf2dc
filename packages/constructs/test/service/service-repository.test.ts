import { ServiceNames } from '@fargate-platform/service-model';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { deliveryStack, publicService, TEST_ENV } from './fixtures';
import { Compliance, EnvironmentContract, EnvironmentProfile, ServiceBuildspec, ServiceRepository } from '../../src';

describe('ServiceRepository', () => {
  describe('names', () => {
    test('are the model\'s deterministic names, so that stacks deployed apart can find each other', () => {
      // GIVEN the names the runtime stack and the pipeline use
      const names = ServiceNames.of('orders', 'prod');
      expect([names.repositoryName, names.imageTagParameterName, names.executionRoleName, names.buildRoleName]).toEqual([
        'prod/orders', '/fargate-platform/prod/services/orders/image-tag', 'orders-prod-execution', 'orders-prod-build',
      ]);

      // WHEN
      const { template } = deliveryStack(publicService(), EnvironmentProfile.PROD);

      // THEN the repository, the parameter and the roles its policy names are those
      template.hasResourceProperties('AWS::ECR::Repository', { RepositoryName: names.repositoryName });
      template.hasResourceProperties('AWS::SSM::Parameter', { Name: names.imageTagParameterName });
      const policy = JSON.stringify(template.toJSON());
      expect(policy).toContain(`:iam::111111111111:role/${names.executionRoleName}`);
      expect(policy).toContain(`:iam::111111111111:role/${names.buildRoleName}`);
    });
  });

  test('creates one repository {environment}/{service}, scanned on push and encrypted with the environment\'s ECR key', () => {
    // WHEN
    const { template } = deliveryStack(publicService(), EnvironmentProfile.PROD);

    // THEN
    template.resourceCountIs('AWS::ECR::Repository', 1);
    template.hasResource('AWS::ECR::Repository', {
      Properties: {
        RepositoryName: 'prod/orders',
        ImageScanningConfiguration: { ScanOnPush: true },
        EncryptionConfiguration: { EncryptionType: 'KMS', KmsKey: { Ref: Match.stringLikeRegexp('fargateplatformprodecrkeyarn') } },
      },
      DeletionPolicy: 'Retain',
    });
  });

  test('keeps every tag IMMUTABLE (no moving latest tag), with nothing acknowledged', () => {
    // WHEN
    const { template, repository } = deliveryStack(publicService());

    // THEN
    template.hasResourceProperties('AWS::ECR::Repository', {
      ImageTagMutability: 'IMMUTABLE',
      ImageTagMutabilityExclusionFilters: Match.absent(),
    });
    expect(Compliance.acknowledgmentsOf(Compliance.resourceOf(repository.node.findChild('Resource')))).toEqual([]);
  });

  test('never expires prod-* images, expires untagged ones after 7 days and keeps the last 10 tagged ones', () => {
    // WHEN
    const { template } = deliveryStack(publicService());

    // THEN the rules, in priority order: prod-* is claimed first, so no lower rule can expire it
    const repository = Object.values(template.findResources('AWS::ECR::Repository'))[0];
    const policy = JSON.parse(repository.Properties.LifecyclePolicy.LifecyclePolicyText);
    expect(policy.rules.map((r: any) => [r.rulePriority, r.selection])).toEqual([
      [1, { tagStatus: 'tagged', tagPatternList: ['prod-*'], countType: 'imageCountMoreThan', countNumber: 9999 }],
      [2, { tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7, countUnit: 'days' }],
      [3, { tagStatus: 'tagged', tagPatternList: ['*'], countType: 'imageCountMoreThan', countNumber: 10 }],
    ]);
  });

  test('lets only the execution role pull and only the build role push, by role name', () => {
    // WHEN
    const { template } = deliveryStack(publicService(), EnvironmentProfile.QA);

    // THEN
    const roleArn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::111111111111:role/${name}`]] });
    const account = { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } };
    template.hasResourceProperties('AWS::ECR::Repository', {
      RepositoryPolicyText: {
        Statement: [
          {
            Sid: 'TaskExecutionRolePulls',
            Effect: 'Allow',
            Principal: account,
            Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
            Condition: { ArnEquals: { 'aws:PrincipalArn': roleArn('orders-qa-execution') } },
          },
          {
            Sid: 'BuildRolePushes',
            Effect: 'Allow',
            Principal: account,
            Action: Match.arrayWith(['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage']),
            Condition: { ArnEquals: { 'aws:PrincipalArn': roleArn('orders-qa-build') } },
          },
          {
            Sid: 'OnlyTheBuildRolePushes',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: ['ecr:InitiateLayerUpload', 'ecr:UploadLayerPart', 'ecr:CompleteLayerUpload', 'ecr:PutImage'],
            Condition: { ArnNotEquals: { 'aws:PrincipalArn': roleArn('orders-qa-build') } },
          },
        ],
      },
    });
  });

  test('takes the build role name the pipeline uses', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Delivery', { env: TEST_ENV });
    const environment = EnvironmentContract.import(stack, 'Env', EnvironmentProfile.TEST);

    // WHEN
    new ServiceRepository(stack, 'Repository', { environment, serviceName: 'orders', buildRoleName: 'orders-builder' });

    // THEN
    const policy = JSON.stringify(Template.fromStack(stack).toJSON());
    expect(policy).toContain(':iam::111111111111:role/orders-builder');
    expect(policy).not.toContain('orders-test-build');
  });

  test('creates the image-tag parameter the pipeline writes, starting at bootstrap until the pipeline records its first image', () => {
    // WHEN
    const { template, repository, stack } = deliveryStack(publicService(), EnvironmentProfile.PROD);

    // THEN
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/fargate-platform/prod/services/orders/image-tag',
      Type: 'String',
      Value: 'bootstrap',
    });
    // AND bootstrap is the value the pipeline's first-image step replaces and the build takes for "no image yet"
    expect(ServiceRepository.BOOTSTRAP_TAG).toBe('bootstrap');
    expect(ServiceBuildspec.BOOTSTRAP_TAG).toBe(ServiceRepository.BOOTSTRAP_TAG);
    expect(stack.resolve(repository.imageTagParameter.parameterName)).toEqual({ Ref: expect.stringMatching(/^RepositoryImageTag/) });
    expect(stack.resolve(repository.repositoryUri)).toEqual(expect.objectContaining({ 'Fn::Join': expect.anything() }));
  });

  test('tags its resources with the service; the owner and cost center are the stack\'s (see ServiceDeployment)', () => {
    const { template } = deliveryStack(publicService());

    for (const type of ['AWS::ECR::Repository', 'AWS::SSM::Parameter']) {
      const tags = Object.values(template.findResources(type))[0].Properties.Tags;
      expect(tags).toEqual(type === 'AWS::SSM::Parameter' ? { Service: 'orders' } : [{ Key: 'Service', Value: 'orders' }]);
    }
  });

  test('keeps the logical ids of the repository and the parameter', () => {
    const { template } = deliveryStack(publicService());

    expect(Object.keys(template.findResources('AWS::ECR::Repository'))).toEqual(['Repository3A24F169']);
    expect(Object.keys(template.findResources('AWS::SSM::Parameter'))).toEqual(['RepositoryImageTagCC718070']);
  });
});
