import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as fc from 'fast-check';
import { SEED, serviceInEnvironment } from './generators';
import { resources } from './synth';
import { EnvironmentProfile, ServiceDeployment } from '../../../src';
import { acknowledged, synthesizeEnvironment, taggableIds, tagsOf } from '../../helpers/environment-fixture';

/**
 * Properties 5, 9, 51 and 55 say "any resource created by the module": here every resource of
 * every stack kind the fleet deploys for a generated service in a standard environment: the
 * environment's stack, and the service's two stacks as `ServiceDeployment` makes them (runtime: the
 * Fargate service, its roles, log group, alarms, scaling; delivery: the repository, the pipeline,
 * its bucket, CodeBuild projects, roles). environment.properties.test.ts checks the environment's
 * stack further, over custom profiles.
 */

/** A stack's template and the logical ids of its resources that can carry tags. */
interface Synthesized {
  readonly json: any;
  readonly taggable: string[];
}

const memo = new Map<string, Synthesized[]>();

/** The environment's stack, then the delivery and runtime stacks of a service in it, each synthesized once per input. */
function stacksOf(input: { spec: any; profile: EnvironmentProfile }): Synthesized[] {
  return [synthesizeEnvironment(input.profile), ...serviceStacksOf(input)];
}

/** The delivery and runtime stacks of a service in an environment. */
function serviceStacksOf(input: { spec: any; profile: EnvironmentProfile }): Synthesized[] {
  const key = JSON.stringify({ spec: input.spec, profile: input.profile.name });
  if (!memo.has(key)) {
    const deployment = new ServiceDeployment(new App({ treeMetadata: false }), 'Service', { spec: input.spec });
    memo.set(key, [deployment.deliveryStack, deployment.runtimeStack].map((stack: Stack) => ({
      json: Template.fromStack(stack, { skipCyclicalDependenciesCheck: true }).toJSON(),
      taggable: taggableIds(stack),
    })));
  }
  return memo.get(key)!;
}


/**
 * A customer-managed key of the environment: a key of the template (in the environment's stack), or
 * one read from its contract (a parameter or a dynamic reference, in a service's stacks).
 */
const isKey = (json: any, value: any): boolean => {
  const id = value?.Ref ?? value?.['Fn::GetAtt']?.[0];
  return (id !== undefined && json.Resources[id]?.Type === 'AWS::KMS::Key') || /key-?arn/i.test(JSON.stringify(value ?? ''));
};


describe('every resource of every service stack', () => {
  // Property 5: KMS encryption at rest
  test('log groups, repositories, buckets, build projects and the pipeline\'s artifact store are encrypted with the environment\'s keys', () => {
    fc.assert(fc.property(serviceInEnvironment, (input) => {
      for (const { json } of stacksOf(input)) {
        for (const [id, group] of resources(json, 'AWS::Logs::LogGroup')) {
          expect([id, isKey(json, group.Properties.KmsKeyId)]).toEqual([id, true]);
        }
        for (const [id, repository] of resources(json, 'AWS::ECR::Repository')) {
          expect([id, repository.Properties.EncryptionConfiguration?.EncryptionType]).toEqual([id, 'KMS']);
          expect(isKey(json, repository.Properties.EncryptionConfiguration.KmsKey)).toBe(true);
        }
        const buckets = resources(json, 'AWS::S3::Bucket');
        // The one exception: the environment's terminal log bucket, which AWS log delivery requires to be SSE-S3 (acknowledged, with the reason).
        const sseS3 = buckets.filter(([, b]) => b.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm !== 'aws:kms');
        expect(sseS3.length).toBeLessThanOrEqual(1);
        sseS3.forEach(([id, b]) => expect([id, acknowledged(b, 'ControlTower-CT.S3.PR.10')]).toEqual([id, true]));
        for (const [id, bucket] of buckets.filter((b) => !sseS3.includes(b))) {
          const encryption = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault;
          expect([id, encryption.SSEAlgorithm, isKey(json, encryption.KMSMasterKeyID)]).toEqual([id, 'aws:kms', true]);
        }
        for (const [id, project] of resources(json, 'AWS::CodeBuild::Project')) {
          expect([id, isKey(json, project.Properties.EncryptionKey)]).toEqual([id, true]);
        }
        for (const [, pipeline] of resources(json, 'AWS::CodePipeline::Pipeline')) {
          expect(isKey(json, pipeline.Properties.ArtifactStore.EncryptionKey.Id)).toBe(true);
        }
        for (const [id, topic] of resources(json, 'AWS::SNS::Topic')) {
          expect([id, isKey(json, topic.Properties.KmsMasterKeyId)]).toEqual([id, true]);
        }
      }
      const [, delivery, runtime] = stacksOf(input);
      // the property is about something: both stacks hold log groups, the delivery stack the repository and the bucket
      expect(resources(runtime.json, 'AWS::Logs::LogGroup').length).toBeGreaterThan(0);
      expect(resources(delivery.json, 'AWS::Logs::LogGroup').length).toBeGreaterThan(0);
      expect(resources(delivery.json, 'AWS::ECR::Repository')).toHaveLength(1);
      expect(resources(delivery.json, 'AWS::S3::Bucket')).toHaveLength(1);
    }), { seed: SEED });
  });

  // Property 9: CloudWatch log retention
  test('every log group keeps its logs at least the profile\'s retention, and 90 days or more in production', () => {
    fc.assert(fc.property(serviceInEnvironment, (input) => {
      for (const { json } of stacksOf(input)) {
        for (const [id, group] of resources(json, 'AWS::Logs::LogGroup')) {
          expect([id, group.Properties.RetentionInDays >= (input.profile.logRetention as number)]).toEqual([id, true]);
          if (input.profile.production) {
            expect(group.Properties.RetentionInDays).toBeGreaterThanOrEqual(90);
          }
        }
      }
    }), { seed: SEED });
  });

  // Property 51: Mandatory environment tags
  test('every resource that can carry tags carries Environment = the environment\'s name', () => {
    fc.assert(fc.property(serviceInEnvironment, (input) => {
      for (const { json, taggable } of stacksOf(input)) {
        expect(taggable.length).toBeGreaterThan(5);
        for (const id of taggable) {
          expect([id, tagsOf(json.Resources[id].Properties).Environment]).toEqual([id, input.profile.name]);
        }
      }
    }), { seed: SEED });
  });

  // Property 55: Mandatory compliance tags
  test('every resource that can carry tags carries Owner, CostCenter and Compliance: the service\'s in its stacks, the platform\'s in the environment\'s', () => {
    fc.assert(fc.property(serviceInEnvironment, (input) => {
      const [environment, ...service] = stacksOf(input);
      for (const id of environment.taggable) {
        const tags = tagsOf(environment.json.Resources[id].Properties);
        expect([id, ...['Owner', 'CostCenter', 'Compliance'].map((key) => (tags[key] ?? '').length > 0)]).toEqual([id, true, true, true]);
      }
      for (const { json, taggable } of service) {
        for (const id of taggable) {
          const tags = tagsOf(json.Resources[id].Properties);
          expect([id, tags.Owner, tags.CostCenter, tags.Compliance]).toEqual([id, input.spec.owner, input.spec.costCenter, input.spec.compliance]);
        }
      }
    }), { seed: SEED });
  });
});
