import { ServiceRuntime } from '@fargate-platform/service-model';
import { App } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { pipelineFixture } from './pipeline-fixture';
import { ComplianceGate, ComplianceReport, CompliancePack, EnvironmentProfile, ServiceRepository } from '../../src';

/**
 * Pipelines of a Node.js and a Python service in every standard environment, each in its own
 * stack with the mandatory tags, next to the service's real `ServiceRepository` (whose policy
 * lets only the pipeline's build role push).
 */
function fleet(): { app: App; report: ComplianceReport } {
  const app = new App();
  for (const profile of EnvironmentProfile.STANDARD) {
    for (const [name, runtime] of [['orders', ServiceRuntime.NODEJS], ['scoring', ServiceRuntime.PYTHON]] as const) {
      pipelineFixture({
        app,
        profile,
        spec: { name, runtime },
        props: (stack, environment) => {
          const registry = new ServiceRepository(stack, 'Repository', { environment, serviceName: name });
          return { repository: registry.repository, imageTagParameter: registry.imageTagParameter };
        },
      });
    }
  }
  return { app, report: ComplianceGate.check(app) };
}

describe('ServicePipeline compliance', () => {
  let report: ComplianceReport;
  beforeAll(() => {
    report = fleet().report;
  });

  test('Node.js and Python pipelines in all four environments have zero open findings in every pack', () => {
    expect(report.stacks.map((s) => s.stack)).toHaveLength(8);
    expect(report.packs).toEqual(ComplianceGate.ALL_PACKS);
    expect(report.openFindings).toEqual([]);
    expect(report.unusedAcknowledgments).toEqual([]);
    expect(report.passed).toBe(true);
  });

  test('acknowledges only the findings that cannot be fixed, each with its reason', () => {
    const pipelineFindings = report.acknowledgedFindings.filter((f) => f.resourcePath.includes('/Pipeline/'));
    const rules = [...new Set(pipelineFindings.map((f) => f.ruleId.replace(/\[.*\]$/, '[...]')))].sort();

    expect(rules).toEqual([
      // the artifacts' server access logs go to the environment's log bucket (no SSE-S3 bucket of the pipeline's own), and the
      // pipeline waits for its policies only (no redundant DependsOn on its role: cfn-lint W3005)
      'AwsSolutions-IAM5[...]',
      'ControlTower-CT.CODEBUILD.PR.4',
      'HIPAA.Security-CodeBuildProjectSourceRepoUrl',
      'HIPAA.Security-S3BucketReplicationEnabled',
      'NIST.800.53.R5-S3BucketReplicationEnabled',
      'PCI.DSS.321-CodeBuildProjectSourceRepoUrl',
      'PCI.DSS.321-S3BucketReplicationEnabled',
    ]);
    expect(pipelineFindings.every((f) => (f.reason ?? '').length >= 80)).toBe(true);
  });

  test('acknowledges IAM5 one wildcard at a time, never a bare rule', () => {
    const iam5 = report.acknowledgedFindings.filter((f) => f.ruleId.startsWith('AwsSolutions-IAM5') && f.resourcePath.includes('/Pipeline/'));
    const details = [...new Set(iam5.map((f) => f.ruleId.replace(/<[^>]*>/g, '<…>').replace(/:(develop|test|qa|prod|orders|scoring)\b/g, '')
      .replace(/build-cache\/[a-z]+-[a-z]+\//, 'build-cache/<pipeline>/')))].sort();

    expect(details).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::<…>/*]',
      'AwsSolutions-IAM5[Resource::<…>/build-cache/<pipeline>/*]',
      'AwsSolutions-IAM5[Resource::arn:<…>:ecs:eu-west-1:123456789012:task-definition/*]',
      'AwsSolutions-IAM5[Resource::arn:<…>:ecs:eu-west-1:123456789012:task/<…>/*]',
      'AwsSolutions-IAM5[Resource::arn:<…>:iam::123456789012:role/orders-develop-*]',
      'AwsSolutions-IAM5[Resource::arn:<…>:iam::123456789012:role/orders-prod-*]',
      'AwsSolutions-IAM5[Resource::arn:<…>:iam::123456789012:role/orders-qa-*]',
      'AwsSolutions-IAM5[Resource::arn:<…>:iam::123456789012:role/orders-test-*]',
      'AwsSolutions-IAM5[Resource::arn:<…>:iam::123456789012:role/scoring-develop-*]',
      'AwsSolutions-IAM5[Resource::arn:<…>:iam::123456789012:role/scoring-prod-*]',
      'AwsSolutions-IAM5[Resource::arn:<…>:iam::123456789012:role/scoring-qa-*]',
      'AwsSolutions-IAM5[Resource::arn:<…>:iam::123456789012:role/scoring-test-*]',
    ]);
    // Resource::* only where AWS offers no resource-level permission: the registry login and the ECS task-definition calls.
    expect([...new Set(iam5.filter((f) => f.ruleId === 'AwsSolutions-IAM5[Resource::*]').map((f) => f.resourcePath.split('/').slice(1).join('/')))].sort())
      .toEqual(['Pipeline/DeployPolicy/Resource', 'Pipeline/RegistryLogin/Resource']);
  });

  test('a wildcard added to a pipeline role later is not hidden by the acknowledgments', () => {
    const app = new App();
    const { pipeline } = pipelineFixture({ app });
    // the build project holds its role without policy updates (its policy is written out); a statement added to the role itself
    (pipeline.node.findChild('BuildRole') as iam.Role).addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));

    const open = ComplianceGate.check(app, { packs: [CompliancePack.AWS_SOLUTIONS] }).openFindings;

    expect(open.map((f) => [f.ruleId, f.resourcePath])).toEqual([
      ['AwsSolutions-IAM5[Resource::*]', 'orders-develop/Pipeline/BuildRole/DefaultPolicy/Resource'],
    ]);
  });
});
