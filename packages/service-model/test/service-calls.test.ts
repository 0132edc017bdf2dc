import { ServiceCalls } from '../src';

describe('ServiceCalls: the fleet\'s calls between services', () => {
  const fleet = [
    { name: 'orders', isPublic: true, calls: ['ledger'], environments: ['develop', 'prod'] },
    { name: 'ledger', isPublic: false, calls: [], environments: ['develop', 'prod'] },
    { name: 'web', isPublic: true, calls: [], environments: ['develop', 'prod'] },
  ];

  test('GIVEN calls to internal services deployed where their callers are THEN there is no problem', () => {
    expect(ServiceCalls.problems(fleet)).toEqual([]);
  });

  test('GIVEN a call to an unknown service, to a public one, and to one missing from an environment THEN each is named', () => {
    const problems = ServiceCalls.problems([
      { ...fleet[0], calls: ['ledgr', 'web', 'rates'] },
      fleet[1],
      fleet[2],
      { name: 'rates', isPublic: false, calls: [], environments: ['develop'] },
    ]);
    expect(problems).toEqual([
      'orders: calls \'ledgr\', which is not a service of the fleet (did you mean \'ledger\'?)',
      expect.stringMatching(/^orders: calls 'web', a public service: .*calls must name internal services$/),
      'orders: calls \'rates\', which is not deployed to prod, where orders is',
    ]);
  });
});
