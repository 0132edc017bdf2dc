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

  test('GIVEN calls that form a cycle THEN it is named once; GIVEN a chain THEN each service deploys after the ones it calls', () => {
    const cyclic = [
      { name: 'orders', isPublic: true, calls: ['ledger'] },
      { name: 'ledger', isPublic: false, calls: ['rates'] },
      { name: 'rates', isPublic: false, calls: ['ledger'] },
    ];
    expect(ServiceCalls.problems(cyclic)).toEqual([expect.stringMatching(/^ledger -> rates -> ledger: these calls form a cycle/)]);
    expect(() => ServiceCalls.deployOrder(cyclic)).toThrow(/the calls form a cycle: ledger -> rates -> ledger/);
    const chain = [
      { name: 'payments', isPublic: true, calls: ['fraud', 'ledger'] },
      { name: 'fraud', isPublic: false, calls: ['risk'] },
      { name: 'ledger', isPublic: false, calls: [] },
      { name: 'risk', isPublic: false, calls: [] },
    ];
    expect(ServiceCalls.problems(chain)).toEqual([]);
    expect(ServiceCalls.deployOrder(chain)).toEqual(['risk', 'fraud', 'ledger', 'payments']);
  });

  test('GIVEN a caller without environments (every environment) and a callee in fewer THEN the missing ones are named', () => {
    expect(ServiceCalls.problems([
      { name: 'orders', isPublic: true, calls: ['ledger'] },
      { name: 'ledger', isPublic: false, calls: [], environments: ['develop'] },
      { name: 'web', isPublic: true, calls: [], environments: ['develop', 'prod'] },
    ])).toEqual(['orders: calls \'ledger\', which is not deployed to prod, where orders is']);
  });
});
