/**
 * A service's ECR repository, as a service app's delivery stack creates it
 * (`probe-integ-ecr-delivery`: `ServiceRepository` on the contract of `integ-ecr`).
 *
 * Deployed assertions (nightly), each read back from ECR or SSM:
 * - `DescribeRepositories`: scan on push; tag mutability `IMMUTABLE` (no tag moves); KMS encryption
 *   with the environment's ECR key (Properties 7, 18, 5);
 * - `GetLifecyclePolicy`: `prod-*` kept, untagged expired after 7 days, the last 10 tagged kept (Property 19);
 * - `GetRepositoryPolicy`: only the build role may push (Property 20);
 * - SSM `GetParameter`: the image-tag parameter starts at `bootstrap`, until the pipeline records
 *   its first image (docs/HANDBOOK.md, "Onboarding a service").
 */
import { ExpectedResult, Match } from '@aws-cdk/integ-tests-alpha';
import { EnvironmentContract, MandatoryTags, ServiceRepository } from '@fargate-platform/constructs';
import { ServiceNames } from '@fargate-platform/service-model';
import { App } from 'aws-cdk-lib';
import { scenarioTest } from './assertions';
import { PROBE, SCENARIO_TAGS, scenarioEnvironment, testStack } from './scenario';

const app = new App();
const scenario = scenarioEnvironment(app, 'integ-ecr');
const env = scenario.profile.name;

const delivery = testStack(app, `${PROBE}-${env}-delivery`, `Integration scenario: the image repository of ${PROBE} in ${env}`);
MandatoryTags.apply(delivery, { environment: env, ...SCENARIO_TAGS });
delivery.addDependency(scenario.stack);
const repository = new ServiceRepository(delivery, 'Repository', {
  environment: EnvironmentContract.import(delivery, 'Environment', scenario.profile),
  serviceName: PROBE,
});
const repositoryName = ServiceNames.of(PROBE, env).repositoryName;

const integ = scenarioTest(app, env, 'EcrRepository', [scenario.stack, delivery]);

integ.assertions
  .awsApiCall('ECR', 'describeRepositories', { repositoryNames: [repositoryName] })
  .expect(ExpectedResult.objectLike({
    repositories: [Match.objectLike({
      repositoryName,
      imageScanningConfiguration: { scanOnPush: true },
      imageTagMutability: 'IMMUTABLE',
      encryptionConfiguration: { encryptionType: 'KMS', kmsKey: scenario.environment.keys.ecr.keyArn },
    })],
  }));

integ.assertions
  .awsApiCall('ECR', 'getLifecyclePolicy', { repositoryName })
  .expect(ExpectedResult.objectLike({
    lifecyclePolicyText: Match.serializedJson(Match.objectLike({
      rules: [
        Match.objectLike({ rulePriority: 1, selection: Match.objectLike({ tagPatternList: ['prod-*'], countType: 'imageCountMoreThan', countNumber: 9999 }) }),
        Match.objectLike({ rulePriority: 2, selection: Match.objectLike({ tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7 }) }),
        Match.objectLike({ rulePriority: 3, selection: Match.objectLike({ tagPatternList: ['*'], countType: 'imageCountMoreThan', countNumber: 10 }) }),
      ],
    })),
  }));

integ.assertions
  .awsApiCall('ECR', 'getRepositoryPolicy', { repositoryName })
  .expect(ExpectedResult.objectLike({
    policyText: Match.serializedJson(Match.objectLike({
      Statement: Match.arrayWith([Match.objectLike({ Sid: 'OnlyTheBuildRolePushes', Effect: 'Deny' })]),
    })),
  }));

integ.assertions
  .awsApiCall('SSM', 'getParameter', { Name: repository.imageTagParameter.parameterName })
  .expect(ExpectedResult.objectLike({ Parameter: Match.objectLike({ Value: ServiceRepository.BOOTSTRAP_TAG }) }));
