import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Compliance, EnvironmentContract, EnvironmentProfile, ServiceRepository } from '../../src';
import { deliveryStack, publicSpec, TEST_ENV } from './fixtures';

describe('ServiceRepository', () => {
  describe('names', () => {
    test('are deterministic, so that stacks deployed apart can find each other', () => {
      expect(ServiceRepository.repositoryName('prod', 'orders')).toBe('prod/orders');
      expect(ServiceRepository.imageTagParameterName('prod', 'orders')).toBe('/fargate-platform/prod/services/orders/image-tag');
      expect(ServiceRepository.executionRoleName('prod', 'orders')).toBe('orders-prod-execution');
      expect(ServiceRepository.buildRoleName('prod', 'orders')).toBe('orders-prod-build');
    });
  });

  test('creates one repository {environment}/{service}, scanned on push and encrypted with the environment\'s ECR key', () => {
    // WHEN
    const { template } = deliveryStack(publicSpec(), EnvironmentProfile.PROD);

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

  test('keeps tags immutable except the moving latest tag, and says why the guard rule is acknowledged', () => {
    // WHEN
    const { template, repository } = deliveryStack(publicSpec());

    // THEN
    template.hasResourceProperties('AWS::ECR::Repository', {
      ImageTagMutability: 'IMMUTABLE_WITH_EXCLUSION',
      ImageTagMutabilityExclusionFilters: [{ ImageTagMutabilityExclusionFilterType: 'WILDCARD', ImageTagMutabilityExclusionFilterValue: 'latest' }],
    });
    const resource = Compliance.resourceOf(repository.node.findChild('Resource'));
    expect(Compliance.acknowledgmentsOf(resource)).toEqual([
      { ruleId: 'ControlTower-CT.ECR.PR.3', reason: expect.stringMatching(/only the moving `latest` tag is mutable/) },
    ]);
  });

  test('is fully IMMUTABLE, with nothing acknowledged, when the pipeline pushes no latest tag', () => {
    // WHEN
    const { template, repository } = deliveryStack(publicSpec(), EnvironmentProfile.DEVELOP, new App(), false);

    // THEN
    template.hasResourceProperties('AWS::ECR::Repository', {
      ImageTagMutability: 'IMMUTABLE',
      ImageTagMutabilityExclusionFilters: Match.absent(),
    });
    expect(Compliance.acknowledgmentsOf(Compliance.resourceOf(repository.node.findChild('Resource')))).toEqual([]);
  });

  test('never expires prod-* images, expires untagged ones after 7 days and keeps the last 10 tagged ones', () => {
    // WHEN
    const { template } = deliveryStack(publicSpec());

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
    const { template } = deliveryStack(publicSpec(), EnvironmentProfile.QA);

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
    new ServiceRepository(stack, 'Repository', { environment, spec: publicSpec(), buildRoleName: 'orders-builder' });

    // THEN
    const policy = JSON.stringify(Template.fromStack(stack).toJSON());
    expect(policy).toContain(':iam::111111111111:role/orders-builder');
    expect(policy).not.toContain('orders-test-build');
  });

  test('starts the image-tag parameter at bootstrap when no moving tag is pushed', () => {
    const { template } = deliveryStack(publicSpec(), EnvironmentProfile.PROD, undefined, false);

    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/fargate-platform/prod/services/orders/image-tag', Value: 'bootstrap' });
  });

  test('creates the image-tag parameter the pipeline writes, starting at the latest image the first build pushes', () => {
    // WHEN
    const { template, repository, stack } = deliveryStack(publicSpec(), EnvironmentProfile.PROD);

    // THEN
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/fargate-platform/prod/services/orders/image-tag',
      Type: 'String',
      Value: 'latest',
    });
    expect(stack.resolve(repository.imageTagParameter.parameterName)).toEqual({ Ref: expect.stringMatching(/^RepositoryImageTag/) });
    expect(stack.resolve(repository.repositoryUri)).toEqual(expect.objectContaining({ 'Fn::Join': expect.anything() }));
  });

  test('tags its resources with the service, its owner and its cost center', () => {
    const { template } = deliveryStack(publicSpec());

    template.hasResourceProperties('AWS::ECR::Repository', {
      Tags: Match.arrayWith([
        { Key: 'CostCenter', Value: 'cc-1001' }, { Key: 'Owner', Value: 'orders-team' }, { Key: 'Service', Value: 'orders' },
      ]),
    });
  });

  test('keeps the logical ids of the repository and the parameter', () => {
    const { template } = deliveryStack(publicSpec());

    expect(Object.keys(template.findResources('AWS::ECR::Repository'))).toEqual(['Repository3A24F169']);
    expect(Object.keys(template.findResources('AWS::SSM::Parameter'))).toEqual(['RepositoryImageTagCC718070']);
  });
});
