import { limitProblems, templateQuotas } from '../src/limits';

const template = (resources: number) => ({ Resources: Object.fromEntries(Array.from({ length: resources }, (_, i) => [`R${i}`, { Type: 'AWS::SNS::Topic' }])) });

describe('CloudFormation quotas of a template', () => {
  test('each quota as numbers: use, quota and the fleet\'s limit at 80 %', () => {
    expect(templateQuotas(template(24), 43_827)).toEqual([
      { quota: 'resources', used: 24, max: 500, limit: 400 },
      { quota: 'template bytes', used: 43_827, max: 1_000_000, limit: 800_000 },
      { quota: 'outputs', used: 0, max: 200, limit: 160 },
      { quota: 'parameters', used: 0, max: 200, limit: 160 },
      { quota: 'mappings', used: 0, max: 200, limit: 160 },
    ]);
  });

  test('400 resources is the most the fleet accepts; 401 is a problem naming the stack, the use and the quota', () => {
    expect(limitProblems('big', template(400), 1000)).toEqual([]);
    expect(limitProblems('big', template(401), 1000)).toEqual(["big: resources 401 is beyond 80 % of CloudFormation's limit of 500"]);
  });
});
