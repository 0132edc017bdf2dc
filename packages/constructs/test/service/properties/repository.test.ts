import { ServiceNames } from '@fargate-platform/service-model';
import * as fc from 'fast-check';
import { SEED, ServiceInEnvironment, serviceInEnvironment } from './generators';
import { deliveryOf, only, resources } from './synth';

/** A service's repository in an environment. */
const repositoryInput = serviceInEnvironment;

/** The repository of the synthesized delivery stack. */
function repositoryOf(input: ServiceInEnvironment): any {
  return only(deliveryOf(input.spec, input.profile).template, 'AWS::ECR::Repository');
}

describe('ServiceRepository properties', () => {
  // Property 7: ECR vulnerability scanning
  test('every repository scans images on push', () => {
    fc.assert(fc.property(repositoryInput, (input) => {
      expect(repositoryOf(input).ImageScanningConfiguration).toEqual({ ScanOnPush: true });
    }), { seed: SEED });
  });

  // Property 17: ECR repository per service
  test('exactly one repository per service, named {environment}/{service}', () => {
    fc.assert(fc.property(repositoryInput, (input) => {
      expect(resources(deliveryOf(input.spec, input.profile).template, 'AWS::ECR::Repository')).toHaveLength(1);
      expect(repositoryOf(input).RepositoryName).toBe(`${input.profile.name}/${input.service.name}`);
      expect(repositoryOf(input).RepositoryName).toBe(ServiceNames.of(input.service.name, input.profile.name).repositoryName);
    }), { seed: SEED });
  });

  // Property 18: ECR tag immutability
  test('every tag is immutable: no tag may move, not even `latest` (the pipeline pushes none)', () => {
    fc.assert(fc.property(repositoryInput, (input) => {
      const repository = repositoryOf(input);
      expect(repository.ImageTagMutability).toBe('IMMUTABLE');
      expect(repository.ImageTagMutabilityExclusionFilters).toBeUndefined();
    }), { seed: SEED });
  });

  // Property 19: ECR lifecycle policy
  test('untagged images expire after 7 days, prod-* images never, and no rule can expire them first', () => {
    fc.assert(fc.property(repositoryInput, (input) => {
      const rules = JSON.parse(repositoryOf(input).LifecyclePolicy.LifecyclePolicyText).rules;
      const untagged = rules.filter((r: any) => r.selection.tagStatus === 'untagged');
      expect(untagged.map((r: any) => r.selection)).toEqual([{ tagStatus: 'untagged', countType: 'sinceImagePushed', countNumber: 7, countUnit: 'days' }]);
      // prod-* images are claimed by the highest-priority rule, so no lower rule expires them
      const first = rules.reduce((a: any, b: any) => (a.rulePriority < b.rulePriority ? a : b));
      expect(first.selection.tagPatternList).toEqual(['prod-*']);
      expect(rules.filter((r: any) => r.selection.tagPatternList?.[0] === '*').map((r: any) => r.selection.countNumber)).toEqual([10]);
    }), { seed: SEED });
  });

  // Property 20: ECR access restrictions
  test('the repository policy grants nothing to everyone: every Allow names the account and one role', () => {
    fc.assert(fc.property(repositoryInput, (input) => {
      const statements: any[] = repositoryOf(input).RepositoryPolicyText.Statement;
      const allows = statements.filter((s) => s.Effect === 'Allow');
      expect(allows.length).toBeGreaterThan(0);
      for (const statement of allows) {
        expect(JSON.stringify(statement.Principal)).not.toContain('*');
        expect(Object.keys(statement.Condition)).toEqual(['ArnEquals']);
        expect(JSON.stringify(statement.Condition.ArnEquals['aws:PrincipalArn']))
          .toMatch(new RegExp(`:role/${input.service.name}-${input.profile.name}-(execution|build)"`));
      }
      // a wildcard principal appears only to deny pushes by anyone but the build role
      for (const statement of statements.filter((s) => JSON.stringify(s.Principal).includes('*'))) {
        expect(statement.Effect).toBe('Deny');
        expect(statement.Condition.ArnNotEquals).toBeDefined();
      }
    }), { seed: SEED });
  });
});
